// @ts-check
/**
 * The recording hop between Prism's validating proxy and the tenant: Prism forwards to it, it forwards to the
 * tenant and notes what the tenant really answered (status, content type, size), so the report can say so
 * when Prism replaces a response that breaks the spec with a 500 of its own. In a read-only run it is also
 * the guard that no write leaves the machine: it answers every method but GET, HEAD and OPTIONS itself.
 */
import { createServer } from "node:http";
import { listenOnLoopback } from "../net.mjs";

/** The request header that ties a request of the check to what the hop saw; never sent on to the tenant. */
export const EXCHANGE_HEADER = "x-iwerp-contract-exchange";

/** Methods that read only: the only ones a read-only run lets through. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Headers that belong to one connection, or that the hop sets itself, so they are not passed on. */
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "host", "content-length", "accept-encoding", EXCHANGE_HEADER]);

/** How long the tenant may take to answer one request. */
const UPSTREAM_TIMEOUT_MS = 30_000;

/** The most of a body the hop keeps (to read a created record's id when Prism replaced the answer). */
const KEPT_BODY = 64 * 1024;

/**
 * What the tenant answered to one request, as the hop saw it. `blocked`: the hop refused it (a write in a
 * read-only run) and the tenant never saw it; `error`: the tenant could not be reached or broke the connection.
 * @typedef {{
 *   exchange: string | undefined,
 *   method: string,
 *   path: string,
 *   status?: number,
 *   contentType?: string,
 *   bytes?: number,
 *   body?: string,
 *   error?: string,
 *   blocked?: boolean,
 * }} HopRecord
 */

/**
 * A running hop.
 * @typedef {{
 *   url: string,
 *   records: HopRecord[],
 *   configure: (settings: { upstream: string, allowWrites: boolean }) => void,
 *   record: (exchange: string) => Promise<HopRecord | undefined>,
 *   close: () => Promise<void>,
 * }} RecordingHop
 */

/**
 * Describes why a fetch to the tenant failed, e.g. `connect ECONNREFUSED 127.0.0.1:4111`.
 * @param {unknown} error
 */
function describeFailure(error) {
  const cause = error instanceof Error ? /** @type {{ cause?: unknown }} */ (error).cause : undefined;
  if (cause instanceof Error) {
    const code = /** @type {{ code?: unknown }} */ (cause).code;
    return typeof code === "string" && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the hop on a free 127.0.0.1 port.
 * @param {{ upstream: string, allowWrites: boolean }} settings the tenant's base URL (a path in it is kept:
 *   the request's path is appended), and whether writes may pass.
 * @returns {Promise<RecordingHop>}
 */
export async function createRecordingHop(settings) {
  let { upstream, allowWrites } = settings;
  /** @type {HopRecord[]} */
  const records = [];
  /** @type {Map<string, Promise<HopRecord>>} */
  const pending = new Map();

  /**
   * @param {import("node:http").IncomingMessage} request
   * @param {import("node:http").ServerResponse} response
   * @returns {Promise<HopRecord>}
   */
  const relay = async (request, response) => {
    const exchangeHeader = request.headers[EXCHANGE_HEADER];
    const exchange = typeof exchangeHeader === "string" ? exchangeHeader : undefined;
    const method = request.method ?? "GET";
    /** @type {HopRecord} */
    const record = { exchange, method, path: (request.url ?? "/").split("?")[0] ?? "/" };
    records.push(record);
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    if (!allowWrites && !READ_METHODS.has(method)) {
      record.blocked = true;
      response.writeHead(405, { "content-type": "text/plain" }).end(`iwerp-contract: a read-only run sends no ${method} to the tenant`);
      return record;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (HOP_HEADERS.has(name) || value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    let answer;
    try {
      answer = await fetch(`${upstream}${request.url ?? "/"}`, {
        method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      record.error = describeFailure(error);
      // No answer: Prism sees the connection end, as it would have with the tenant itself.
      request.socket.destroy();
      return record;
    }
    let body;
    try {
      body = Buffer.from(await answer.arrayBuffer());
    } catch (error) {
      record.status = answer.status;
      record.error = `the answer broke off: ${describeFailure(error)}`;
      request.socket.destroy();
      return record;
    }
    record.status = answer.status;
    record.contentType = answer.headers.get("content-type") ?? undefined;
    record.bytes = body.length;
    record.body = body.subarray(0, KEPT_BODY).toString("utf8");
    /** @type {Record<string, string>} */
    const out = {};
    // fetch has decoded the body, so its encoding and length headers no longer apply.
    answer.headers.forEach((value, name) => {
      if (!["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"].includes(name)) out[name] = value;
    });
    response.writeHead(answer.status, out).end(body);
    return record;
  };

  const server = createServer((request, response) => {
    const done = relay(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end();
      return { exchange: undefined, method: request.method ?? "", path: request.url ?? "", error: describeFailure(error) };
    });
    const exchange = request.headers[EXCHANGE_HEADER];
    if (typeof exchange === "string") pending.set(exchange, done);
  });
  const url = await listenOnLoopback(server, "the recording hop");
  return {
    url,
    records,
    configure: (next) => {
      ({ upstream, allowWrites } = next);
    },
    record: async (exchange) => pending.get(exchange),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
