// @ts-check
/**
 * The loopback modes' server (`createLoopbackServer` forks it): POST answers `ADD_RESPONSE`, GET `LIST_RESPONSE`, with a
 * `Content-Length`, or under `/gzip` gzipped and chunked as a web server does. Exits when its parent goes.
 */
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { listenOnLoopback } from "../../scripts/lib/net.mjs";
import { ADD_RESPONSE, GZIP_PREFIX, LIST_RESPONSE, PARTICIPANTS_PATH } from "./fixtures.mjs";

const ADD = Buffer.from(ADD_RESPONSE);
const LIST = Buffer.from(LIST_RESPONSE);
const ADD_GZIP = gzipSync(ADD);
const LIST_GZIP = gzipSync(LIST);
const NOT_FOUND = Buffer.from('{"error":"not found"}');

const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    let path = (req.url ?? "").split("?")[0] ?? "";
    const gzip = path.startsWith(`${GZIP_PREFIX}/`);
    if (gzip) path = path.slice(GZIP_PREFIX.length);
    const body = path !== PARTICIPANTS_PATH ? NOT_FOUND : req.method === "POST" ? ADD : req.method === "GET" ? LIST : NOT_FOUND;
    const status = body === NOT_FOUND ? 404 : 200;
    if (gzip && body !== NOT_FOUND) {
      // Written before `end`, so node:http frames it chunked (`end(body)` alone would add a Content-Length).
      res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip" });
      res.write(body === ADD ? ADD_GZIP : LIST_GZIP);
      res.end();
    } else {
      res.writeHead(status, { "content-type": "application/json", "content-length": body.byteLength });
      res.end(body);
    }
  });
});
// Longer than any pause of the run, so a contender never pays for a reconnect another caused.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 61_000;
server.maxRequestsPerSocket = 0;
process.on("disconnect", () => process.exit(0));
process.send?.({ url: await listenOnLoopback(server, "the loopback server") });
