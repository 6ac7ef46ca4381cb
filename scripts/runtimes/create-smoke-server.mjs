// @ts-check
/**
 * The API server every runtime of the matrix calls: a stand-in for an iwERP tenant on 127.0.0.1 with one
 * scenario per first path segment, and CORS answers so that a page of another origin may call it.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { gzipSync } from "node:zlib";
import { SMALL_LIMIT, STORED, UNAUTHORIZED_CODE } from "./smoke-cases.mjs";

const OPERATION = "/api/chat/chatroom_participant";
/** The headers a browser page may read; without this, `X-IW-ERROR-*` would be hidden from a cross-origin caller. */
const EXPOSED = "X-IW-ERROR-CODE, X-IW-ERROR-JSON";

/**
 * A running smoke server.
 * @typedef {object} SmokeServer
 * @property {string} url e.g. `http://127.0.0.1:41234`; scenarios live under `/ok`, `/drifted`, `/stall`, `/unauthorized`,
 *   `/huge` and `/bomb`.
 * @property {() => Promise<void>} close closes the server and every connection, stalled ones included.
 */

/**
 * Starts the API server on 127.0.0.1 at a free port and resolves once it listens. Scenarios, each at
 * `<url>/<scenario>/api/chat/chatroom_participant`:
 * - `ok`: 200 with the submitted participant plus `STORED`, if the request carried `token` and a JSON
 *   body `{ data: participant }`; 400 saying what was wrong otherwise;
 * - `stall`: reads the request and never answers;
 * - `unauthorized`: 401 with `X-IW-ERROR-CODE` and an `X-IW-ERROR-JSON` that echoes the token, as a
 *   careless server might, so that the suite can check the client hides it;
 * - `huge`: 200 with 16 × `SMALL_LIMIT` bytes of a JSON string, chunked, without `Content-Length`;
 * - `bomb`: 200 with `Content-Encoding: gzip`, chunked, without `Content-Length`: about 16 kB that inflate to
 *   16 MiB, so only a client that counts the decoded bytes stops it at `SMALL_LIMIT`.
 * Every response allows any origin, and preflights (`OPTIONS`) allow any method and the headers asked for.
 * @param {string} token the session token the clients send.
 * @returns {Promise<SmokeServer>}
 */
export async function createSmokeServer(token) {
  // Made once: gzip of 16 MiB of spaces takes a moment.
  const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
  const server = createServer(async (req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-expose-headers", EXPOSED);
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const text = await readBody(req).catch(() => undefined);
    if (text === undefined) return; // the client went away, e.g. after its timeout
    const [, scenario, rest] = /^\/([^/]+)(\/[^?]*)/.exec(req.url ?? "") ?? [];
    if (req.method !== "POST" || rest !== OPERATION) {
      json(res, 404, { error: `no ${req.method} ${req.url} here` });
    } else if (scenario === "ok") {
      const problem = checkRequest(req.headers, text, token);
      if (problem) json(res, 400, { error: problem });
      else json(res, 200, { ...JSON.parse(text).data, ...STORED });
    } else if (scenario === "drifted") {
      // A participant whose id breaks the spec (a string where an integer belongs).
      json(res, 200, { ...JSON.parse(text).data, ...STORED, id: "seven" });
    } else if (scenario === "huge") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"first_name":"');
      // Written before `end`, so node:http sends it chunked (`end(body)` alone would add a Content-Length).
      for (let i = 0; i < 16; i++) res.write("x".repeat(SMALL_LIMIT));
      res.end('"}');
    } else if (scenario === "bomb") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.write(bomb);
      res.end();
    } else if (scenario === "stall") {
      // Never answers; `close` ends the connection.
    } else if (scenario === "unauthorized") {
      res.setHeader("x-iw-error-code", UNAUTHORIZED_CODE);
      res.setHeader("x-iw-error-json", JSON.stringify(["JWT expired", `no session ${token}`]));
      json(res, 401, { error: "unauthorized" });
    } else {
      json(res, 404, { error: `no scenario ${scenario}` });
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("the smoke server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * A base URL on 127.0.0.1 whose port nothing listens on: one the OS just handed out and took back, so a
 * connect to it is refused at once.
 * @returns {Promise<string>}
 */
export async function refusedUrl() {
  const probe = createTcpServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  await once(probe, "close");
  if (address === null || typeof address !== "object") throw new Error("no free port");
  return `http://127.0.0.1:${address.port}`;
}

/**
 * What is wrong with a happy-path request, or `undefined`.
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {string} text the body.
 * @param {string} token
 */
function checkRequest(headers, text, token) {
  if (headers["x-session-token"] !== token) return "x-session-token is missing or wrong";
  if (!String(headers["content-type"]).startsWith("application/json")) return `content-type is ${headers["content-type"]}`;
  try {
    const data = JSON.parse(text)?.data;
    return data !== null && typeof data === "object" ? undefined : "the body has no `data` object";
  } catch {
    return "the body is not JSON";
  }
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<string>}
 */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
