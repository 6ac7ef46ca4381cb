// @ts-check
/**
 * The one stand-in for an iwERP tenant (the tests, the runtime matrix, the package check): a node:http server on
 * 127.0.0.1 that notes every request and plays a fault of `stand-in-faults.mjs` for it, or hands it to a `handler`.
 * It is not `serveFakeTenant`: faults need the socket itself (resets, status lines, bodies cut off or never ended).
 */
import { EventEmitter, once } from "node:events";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { buffer } from "node:stream/consumers";
import { exampleAnswer } from "./example-answer.mjs";
import { listenOnLoopback } from "./net.mjs";
import { FAULTS } from "./stand-in-faults.mjs";

export { streamBody } from "./stand-in-faults.mjs";

/** The request header that picks the fault a request gets (by default); pass it as a client's `headers` option. */
export const FAULT_HEADER = "x-fault";
/** The request header that keys attempts for a call without a participant (e.g. a GET); default: `data.first_name`. */
export const KEY_HEADER = "x-fault-key";

/** The headers a browser page may read; without them, `X-IW-ERROR-*` would be hidden from a cross-origin caller. */
const EXPOSED = "X-IW-ERROR-CODE, X-IW-ERROR-JSON, Retry-After";

/**
 * @typedef {object} StandInRequest
 * @property {string} method
 * @property {string} url the path and query as the fault or handler sees it (a scenario prefix removed).
 * @property {string} path
 * @property {string} query e.g. `?pageSize=5`, or `""`.
 * @property {string | undefined} token its `x-session-token`.
 * @property {string[]} headers the names of its headers.
 * @property {string} text its body.
 * @property {unknown} body its body parsed as JSON, or the text when it is not JSON.
 * @property {string} fault the fault it got (with a `handler`: the name `pick` gave).
 * @property {string | undefined} key its `x-fault-key` header, else `data.first_name`: how faults tell calls apart.
 */

/** An answer as `ok` writes it. @typedef {{ status: number, headers: Record<string, string>, body: string }} Answer */

/**
 * A request's own answerer; `fake()` is what `ok` would answer.
 * @typedef {(request: StandInRequest, response: import("node:http").ServerResponse, fake: () => Promise<Answer>) => void | Promise<void>} StandInHandler
 */

/**
 * @typedef {object} StandInOptions
 * @property {{ fetch: (url: string, init: RequestInit) => Promise<Response> }} [tenant] answers `ok` (a fake tenant,
 *   or anything with its `fetch`); default: the spec's examples, with `token` and `stored`.
 * @property {string} [token] without `tenant`: the session token `ok` requires (401 otherwise). Default: any.
 * @property {Record<string, unknown>} [stored] without `tenant`: fields `ok` sets on every record it answers. Default: none.
 * @property {(request: StandInRequest) => string | { fault: string, url: string }} [pick] the fault a request gets
 *   (and the URL it then stands for). Default: its `x-fault` header, else `ok`. See `byPathPrefix`.
 * @property {StandInHandler} [handler] answers every request instead of the faults.
 * @property {boolean} [cors] CORS headers on every answer and 204 to preflights, for a page of another origin. Default: false.
 * @property {(request: StandInRequest) => void | Promise<void>} [onRequest] called before each request is answered (a
 *   test may wait there, e.g. to interrupt a run while a request is pending).
 */

/**
 * @typedef {object} StandIn
 * @property {string} url e.g. `http://127.0.0.1:43817`.
 * @property {StandInRequest[]} received every request, in the order it arrived.
 * @property {(key: string) => number} attemptsFor how many requests carried `key` (see `StandInRequest`).
 * @property {(count: number) => Promise<void>} waitForRequests resolves once `count` requests have arrived.
 * @property {() => boolean} alive false once closed or dead.
 * @property {() => void} die stops listening and destroys every connection, as a tenant that goes away (e.g. from `onRequest`).
 * @property {() => Promise<void>} close closes the server and every connection, idle or not.
 * @property {import("node:http").Server} server
 */

/**
 * `pick` for a stand-in whose first path segment names the fault (`/stall/api/…`), the rest being the request.
 * @param {Record<string, string>} [names] scenario → fault, for names that differ. Default: the segment is the fault.
 * @returns {(request: StandInRequest) => { fault: string, url: string }}
 */
export function byPathPrefix(names = {}) {
  return (request) => {
    const [, scenario = "", rest = "/"] = /^\/([^/?]*)(.*)$/.exec(request.url) ?? [];
    return { fault: names[scenario] ?? scenario, url: rest };
  };
}

/**
 * A fake tenant's answer to a request, read whole.
 * @param {NonNullable<StandInOptions["tenant"]>} tenant
 * @param {import("node:http").IncomingMessage} req
 * @param {string} url
 * @param {Buffer} bytes
 */
async function fakeAnswer(tenant, req, url, bytes) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
  const answer = await tenant.fetch(`http://stand-in${url}`, { method: req.method, headers, body: bytes.length > 0 ? /** @type {BodyInit} */ (/** @type {unknown} */ (bytes)) : undefined });
  const out = Object.fromEntries([...answer.headers].filter(([name]) => name !== "content-length"));
  return { status: answer.status, headers: out, body: await answer.text() };
}

/**
 * Starts a stand-in and resolves once it listens. `ok` answers as `tenant` does (a fake tenant of the sources or of
 * the installed package) or with the spec's example of the operation (`exampleAnswer`). Close it in teardown.
 * @param {StandInOptions} [options]
 * @returns {Promise<StandIn>}
 * @example
 * const standIn = await startStandIn({ tenant: createFakeTenant(), pick: (r) => (r.method === "POST" ? "created-201" : "ok") });
 */
export async function startStandIn({ tenant, token, stored, pick, handler, cors = false, onRequest } = {}) {
  /** @type {StandInRequest[]} */
  const requests = [];
  // Told of each request as it arrives, for those waiting for a number of them (any number may wait).
  const arrivals = new EventEmitter().setMaxListeners(0);
  let alive = true;
  // Made before the first request, not during it: reading the spec inside an attempt could outlast a test's short timeout.
  const examples = tenant ? undefined : exampleAnswer({ token, stored });
  const server = createServer((req, res) => {
    // A client that gives up while still sending makes reading fail; that is no failure of the test.
    handle(req, res).catch(() => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      res.writeHead(500, { "content-type": "text/plain" }).end("the stand-in failed");
    });
  });

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  async function handle(req, res) {
    if (cors) {
      res.setHeader("access-control-allow-origin", "*");
      res.setHeader("access-control-expose-headers", EXPOSED);
      if (req.method === "OPTIONS") {
        const allow = { "access-control-allow-methods": "GET, POST, PUT, DELETE", "access-control-max-age": "600" };
        return void res.writeHead(204, { ...allow, "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "" }).end();
      }
    }
    const bytes = await buffer(req);
    const text = bytes.toString("utf8");
    /** @type {unknown} */
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: its text stands for it.
    }
    const header = (/** @type {string} */ name) => (typeof req.headers[name] === "string" ? /** @type {string} */ (req.headers[name]) : undefined);
    const data = /** @type {{ data?: { first_name?: unknown } } | null} */ (body)?.data;
    const firstName = typeof data?.first_name === "string" ? data.first_name : undefined;
    const url = new URL(req.url ?? "/", "http://stand-in");
    /** @type {StandInRequest} */
    const request = { method: req.method ?? "", url: req.url ?? "/", path: url.pathname, query: url.search, token: header("x-session-token"), headers: Object.keys(req.headers), text, body, fault: "ok", key: header(KEY_HEADER) ?? firstName };
    const picked = pick?.(request) ?? header(FAULT_HEADER) ?? "ok";
    const { fault, url: target } = typeof picked === "string" ? { fault: picked, url: request.url } : picked;
    // A handler gets the name as picked (a scenario of its own); the faults play `ok` for a name they lack.
    request.fault = handler || fault in FAULTS ? fault : "ok";
    // How often this key was seen under this fault before, so "fail once, then succeed" faults tell attempts apart.
    const attempt = requests.filter((r) => r.fault === request.fault && r.key === request.key).length + 1;
    requests.push(request);
    arrivals.emit("request");
    await onRequest?.(request);
    if (!alive) return;
    const answer = () => (tenant ? fakeAnswer(tenant, req, target, bytes) : /** @type {NonNullable<typeof examples>} */ (examples)(req, target, body));
    if (handler) return handler(request, res, answer);
    await FAULTS[/** @type {keyof typeof FAULTS} */ (request.fault)]({ req, res, body, text, attempt, answer });
  }

  const die = () => {
    alive = false;
    server.close();
    server.closeAllConnections();
  };
  return {
    url: await listenOnLoopback(server, "the stand-in"),
    received: requests,
    server,
    attemptsFor: (key) => requests.filter((request) => request.key === key).length,
    waitForRequests: async (count) => {
      while (requests.length < count) await once(arrivals, "request");
    },
    alive: () => alive,
    die,
    close: async () => {
      if (!server.listening) return void (alive = false);
      const closed = once(server, "close");
      die();
      await closed;
    },
  };
}

/**
 * A base URL on 127.0.0.1 whose port nothing listens on: one the OS just handed out and took back, so a
 * connect to it is refused at once.
 */
export async function refusedUrl() {
  const probe = createTcpServer();
  const url = await listenOnLoopback(probe, "the probe");
  probe.close();
  await once(probe, "close");
  return url;
}
