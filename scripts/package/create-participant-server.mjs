// @ts-check
/**
 * A tiny stand-in for a tenant, bound to 127.0.0.1 on a free port, so that the consumers installed from
 * the tarball make a real call: `POST /api/chat/chatroom_participant` answers 200 with the submitted
 * participant plus `STORED` when the session token is `TOKEN`, and 401 with the iwERP error headers when not.
 */
import { createServer } from "node:http";
import { listenOnLoopback } from "../contract-check/net.mjs";

/** The session token the server accepts. */
export const TOKEN = "package-check-token";
/** What the server adds to a stored participant. */
export const STORED = { id: 7, created: "2025-05-04T09:42:00Z", updated: "2025-05-04T09:42:00Z" };

/**
 * Starts the server.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} its base URL, e.g. `http://127.0.0.1:41234`.
 */
export async function createParticipantServer() {
  const server = createServer((request, response) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || request.url?.split("?")[0] !== "/api/chat/chatroom_participant") {
        response.writeHead(404, { "content-type": "application/json" }).end("{}");
        return;
      }
      if (request.headers["x-session-token"] !== TOKEN) {
        response.writeHead(401, { "content-type": "application/json", "x-iw-error-code": "401", "x-iw-error-json": '["session expired"]' }).end("{}");
        return;
      }
      let participant;
      try {
        participant = JSON.parse(Buffer.concat(chunks).toString("utf8")).data;
      } catch {
        response.writeHead(400, { "content-type": "application/json" }).end("{}");
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...participant, ...STORED }));
    });
  });
  const url = await listenOnLoopback(server, "the participant server");
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
