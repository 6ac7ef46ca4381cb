// @ts-check
/**
 * The recording hop between Prism's validating proxy and the tenant: it forwards to the tenant and notes what the
 * tenant really answered (status, content type, size), for when Prism replaces an answer that breaks the spec. It is
 * also the guard of what reaches Prism and the tenant:
 * - in a read-only run it answers every method but GET, HEAD and OPTIONS itself: no write leaves the machine;
 * - it follows no redirect and passes none on (Prism's forwarder would follow it, with the session token, to any
 *   host): a 3xx is recorded with its `Location`, and Prism gets a 502 of the hop's instead;
 * - it reads at most `maxResponseBytes` of an answer, counted after decompression: a larger one is recorded as too
 *   large, and Prism gets a 502 instead;
 * - it drops an `sl-violations` header the tenant sent itself, so only Prism's own violations are reported;
 * - it passes on no `Content-Type` that is not a media type (Prism's proxy crashes on one): Prism gets a 502 instead.
 */
import { createServer } from "node:http";
import { listenOnLoopback } from "../../lib/net.mjs";

/** The request header that ties a request of the check to what the hop saw; never sent on to the tenant. */
export const EXCHANGE_HEADER = "x-iwerp-contract-exchange";

/** How long the tenant may take to answer one request, its body included. */
export const UPSTREAM_TIMEOUT_MS = 30_000;

/** Methods that read only: the only ones a read-only run lets through, and an interrupted call drops at once. */
export const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Headers that belong to one connection, or that the hop sets itself, so they are not passed on. */
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "host", "content-length", "accept-encoding", EXCHANGE_HEADER]);

/** Headers of the tenant's answer not passed to Prism: fetch has decoded the body, so its encoding and length are wrong. */
const ANSWER_HOP_HEADERS = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"]);

/** A token of RFC 9110 (a media type's type, subtype or parameter name). */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

/**
 * A media type as Prism's parser (the `content-type` package) reads one: `type/subtype`, then `; name=value`
 * parameters, the value a token or a quoted string. Prism's proxy throws on any other `Content-Type`, and dies.
 */
const MEDIA_TYPE = new RegExp(`^\\s*${TOKEN}/${TOKEN}\\s*(?:; *${TOKEN} *= *(?:${TOKEN}|"(?:[\\v\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\v\\x20-\\xff])*") *)*$`);

/** The most of a body the hop keeps (to read a created record's id when Prism replaced the answer). */
const KEPT_BODY = 64 * 1024;

/**
 * What the tenant answered to one request, as the hop saw it. `blocked`: the hop refused it (a write in a read-only
 * run); `error`: the tenant could not be reached or broke the connection; `redirect`: a 3xx (`location`: its
 * `Location`), not followed; `tooLarge`: larger than this many bytes (the limit), not read further; `ownViolations`:
 * the tenant sent an `sl-violations` header, which was dropped; `badContentType`: its `Content-Type` is not a media
 * type, so the answer was not passed on; `errorCode`: its `X-IW-ERROR-CODE` (a soft error's real code).
 * @typedef {{
 *   exchange: string | undefined,
 *   method: string,
 *   path: string,
 *   status?: number,
 *   errorCode?: string,
 *   contentType?: string,
 *   bytes?: number,
 *   body?: string,
 *   error?: string,
 *   blocked?: boolean,
 *   redirect?: boolean,
 *   location?: string,
 *   tooLarge?: number,
 *   ownViolations?: boolean,
 *   badContentType?: boolean,
 * }} HopRecord
 */

/**
 * @typedef {{ upstream: string, allowWrites: boolean, maxResponseBytes: number }} HopSettings `upstream`: the tenant's
 *   base URL (the request's path is appended to it); `maxResponseBytes`: the largest answer read, after decompression.
 * @typedef {{
 *   url: string,
 *   records: HopRecord[],
 *   configure: (settings: HopSettings) => void,
 *   record: (exchange: string) => Promise<HopRecord | undefined>,
 *   close: () => Promise<void>,
 * }} RecordingHop
 */

/** @param {unknown} error @returns {string} why a fetch to the tenant failed, e.g. `connect ECONNREFUSED 127.0.0.1:4111`. */
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
 * Reads the body of `answer`, at most `limit` bytes of it as decoded: past the limit it cancels the rest (the
 * connection closes), so neither a huge answer nor a small compressed one that inflates to gigabytes fills memory.
 * @param {Response} answer
 * @param {number} limit
 * @returns {Promise<Buffer | undefined>} undefined: larger than `limit`.
 */
async function readLimited(answer, limit) {
  if (!answer.body) return Buffer.alloc(0);
  // A declared length bounds a body without Content-Encoding; an encoded one may inflate far past it.
  const declared = Number(answer.headers.get("content-length") ?? Number.NaN);
  if (declared > limit && !answer.headers.has("content-encoding")) {
    await answer.body.cancel().catch(() => {});
    return undefined;
  }
  const reader = answer.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * Answers Prism in place of the tenant, with a status no operation of the spec defines (so Prism reports it and the
 * check fails that operation): for a request the hop does not send, or an answer it does not pass on.
 * @param {import("node:http").ServerResponse} response
 * @param {number} status 502 for an answer, 405 or 400 for a request.
 * @param {string} why
 */
function refuse(response, status, why) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`iwerp-contract: ${why}`);
}

/** Starts the hop on a free 127.0.0.1 port. @param {HopSettings} settings @returns {Promise<RecordingHop>} */
export async function createRecordingHop(settings) {
  let { upstream, allowWrites, maxResponseBytes } = settings;
  /** @type {HopRecord[]} */
  const records = [];
  /** @type {Map<string, Promise<HopRecord>>} */
  const pending = new Map();
  // Aborted by `close`: a request still waiting for the tenant would keep the process alive up to its time limit.
  const closing = new AbortController();

  /**
   * @param {import("node:http").IncomingMessage} request
   * @param {import("node:http").ServerResponse} response
   * @returns {Promise<HopRecord>}
   */
  const relay = async (request, response) => {
    const exchangeHeader = request.headers[EXCHANGE_HEADER];
    const exchange = typeof exchangeHeader === "string" ? exchangeHeader : undefined;
    const method = request.method ?? "GET";
    const target = request.url ?? "/";
    /** @type {HopRecord} */
    const record = { exchange, method, path: target.split("?")[0] ?? "/" };
    records.push(record);
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    // No write leaves the machine in a read-only run; only a path is appended to the tenant's URL: the token goes to
    // no other host.
    const blocked = !allowWrites && !READ_METHODS.has(method) ? [405, `a read-only run sends no ${method} to the tenant`] : target.startsWith("/") ? undefined : [400, "the hop forwards paths only"];
    if (blocked) {
      record.blocked = true;
      refuse(response, .../** @type {[number, string]} */ (blocked));
      return record;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (HOP_HEADERS.has(name) || value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    let answer;
    let body;
    try {
      const sent = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      answer = await fetch(`${upstream}${target}`, { method, headers, body: sent, redirect: "manual", signal: AbortSignal.any([AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), closing.signal]) });
      record.status = answer.status;
      record.contentType = answer.headers.get("content-type") ?? undefined;
      record.errorCode = answer.headers.get("x-iw-error-code") ?? undefined;
      if (answer.status >= 300 && answer.status < 400) {
        // Not followed, and not passed on: Prism's forwarder would follow it, with the token, wherever it points.
        record.redirect = true;
        record.location = answer.headers.get("location") ?? undefined;
        await answer.body?.cancel().catch(() => {});
        refuse(response, 502, `the tenant answered ${answer.status} (a redirect), which the check does not follow`);
        return record;
      }
      body = await readLimited(answer, maxResponseBytes);
    } catch (error) {
      record.error = answer ? `the answer broke off: ${describeFailure(error)}` : describeFailure(error);
      // No (whole) answer: Prism sees the connection end, as it would have with the tenant itself.
      request.socket.destroy();
      return record;
    }
    if (body === undefined) {
      record.tooLarge = maxResponseBytes;
      refuse(response, 502, `the tenant's answer is larger than ${maxResponseBytes} bytes, the limit`);
      return record;
    }
    record.bytes = body.length;
    record.body = body.subarray(0, KEPT_BODY).toString("utf8");
    if (record.contentType !== undefined && !MEDIA_TYPE.test(record.contentType)) {
      // Read (a created record's id is still found in it), but not passed on: Prism's proxy would crash on it.
      record.badContentType = true;
      refuse(response, 502, "the tenant's Content-Type is not a media type, which Prism cannot read");
      return record;
    }
    /** @type {Record<string, string>} */
    const out = {};
    answer.headers.forEach((value, name) => {
      // Prism's header for the violations it found: one the tenant sends is not Prism's.
      if (name === "sl-violations") record.ownViolations = true;
      else if (!ANSWER_HOP_HEADERS.has(name)) out[name] = value;
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
      ({ upstream, allowWrites, maxResponseBytes } = next);
    },
    record: async (exchange) => pending.get(exchange),
    close: () =>
      new Promise((resolve) => {
        closing.abort(new Error("the check stopped before the tenant answered"));
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
