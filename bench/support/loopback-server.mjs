// @ts-check
/**
 * The API server of the loopback modes, run in a process of its own (`createLoopbackServer` forks it):
 * a tiny node:http server on 127.0.0.1 at a free port. It reads each request whole, then answers
 * POST `/api/chat/chatroom_participant` with `ADD_RESPONSE` and GET with `LIST_RESPONSE`, both with a
 * `Content-Length` and keep-alive. Once it listens, it sends `{ port }` to its parent; it exits when
 * the parent disconnects.
 */
import { createServer } from "node:http";
import { ADD_RESPONSE, LIST_RESPONSE, PARTICIPANTS_PATH } from "./fixtures.mjs";

const ADD = Buffer.from(ADD_RESPONSE);
const LIST = Buffer.from(LIST_RESPONSE);
const NOT_FOUND = Buffer.from('{"error":"not found"}');

const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    const path = (req.url ?? "").split("?")[0];
    const body = path !== PARTICIPANTS_PATH ? NOT_FOUND : req.method === "POST" ? ADD : req.method === "GET" ? LIST : NOT_FOUND;
    res.writeHead(body === NOT_FOUND ? 404 : 200, { "content-type": "application/json", "content-length": body.byteLength });
    res.end(body);
  });
});
// Longer than any pause of the run, so a contender never pays for a reconnect another caused.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 61_000;
server.maxRequestsPerSocket = 0;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no port");
  process.send?.({ port: address.port });
});
process.on("disconnect", () => process.exit(0));
