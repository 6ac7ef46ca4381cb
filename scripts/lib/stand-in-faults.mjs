// @ts-check
/**
 * The faults a stand-in (`stand-in.mjs`) plays, by name: `ok` (the fake tenant's or the spec's answer) and the
 * ways a tenant, a proxy or the network fail. Several echo the session token and the secret word back (in the
 * body, a header or the status line), so the tests can prove the client redacts them.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import { gzipSync } from "node:zlib";

/**
 * What a fault gets to answer one request with.
 * @typedef {object} FaultContext
 * @property {import("node:http").IncomingMessage} req
 * @property {import("node:http").ServerResponse} res
 * @property {unknown} body the request body parsed (its text when it was not JSON).
 * @property {string} text
 * @property {number} attempt 1 for the first request of this key under this fault, 2 for the second, …
 * @property {() => Promise<import("./stand-in.mjs").Answer>} answer what `ok` answers.
 */

/** @typedef {(context: FaultContext) => void | Promise<void>} Fault */

const JSON_TYPE = { "content-type": "application/json" };

/** The submitted entity (`body.data`), or `{}`. @param {unknown} body @returns {Record<string, unknown>} */
function submitted(body) {
  const data = /** @type {{ data?: unknown } | null} */ (body)?.data;
  return data !== null && typeof data === "object" ? /** @type {Record<string, unknown>} */ (data) : {};
}

/**
 * The credential (session token or API key) and the secret word the client sent, to echo as a careless server would.
 * @param {FaultContext} context
 */
function secretsOf({ req, body }) {
  const word = submitted(body).ai_auto_close_secret_word;
  return { token: String(req.headers["x-session-token"] ?? req.headers["x-iw-jwt-token"] ?? ""), word: typeof word === "string" ? word : "" };
}

/** @type {Fault} */
const ok = ({ res, answer }) => answer().then(({ status, headers, body }) => void res.writeHead(status, headers).end(body));

/** @type {Fault} Resets the connection (TCP RST) after the request arrived and before any byte of an answer. */
const resetBeforeResponse = ({ req }) => void req.socket.resetAndDestroy();

/** @type {Fault} Reads the request and never answers. */
const stall = () => {};

/** `first` on a key's first request, then `ok`. @param {Fault} first @returns {Fault} */
function onceThenOk(first) {
  return (context) => (context.attempt === 1 ? first(context) : ok(context));
}

/**
 * A proxy's HTML error page, long enough to be truncated, with the secrets in it (the word also JSON-escaped, in a
 * script) and the token in the status line and a header.
 * @type {Fault}
 */
const htmlError = (context) => {
  const { token, word } = secretsOf(context);
  context.res.statusMessage = `Internal Error for session ${token}`;
  const page = `<!DOCTYPE html><html><head><title>500 Internal Server Error</title><script>echo=${JSON.stringify({ word })}</script></head><body><h1>Internal Server Error</h1><p>Session ${token} sent secret ${word}.</p>${"<p>filler</p>".repeat(200)}</body></html>`;
  context.res.writeHead(500, { "content-type": "text/html; charset=utf-8", "x-echo-token": token }).end(page);
};

/**
 * Writes `parts` as the body of `response`, each once the reader took the one before (so what it did not read stays
 * in the socket buffers), and ends it. Resolves with whether every part was sent (false: the reader closed first).
 * @param {import("node:http").ServerResponse} response
 * @param {Iterable<Buffer | string> | AsyncIterable<Buffer | string>} parts
 */
export function streamBody(response, parts) {
  return pipeline(Readable.from(parts), response).then(
    () => true,
    () => false,
  );
}

/** `body` in `chunks` pieces, one per `everyMs`. @param {string} body @param {number} chunks @param {number} everyMs */
async function* trickled(body, chunks, everyMs) {
  const size = Math.ceil(body.length / chunks);
  for (let sent = 0; sent < body.length; sent += size) {
    await delay(everyMs);
    yield body.slice(sent, sent + size);
  }
}

/** @type {Buffer | undefined} made once, when first asked for: gzip of 16 MiB takes a moment. */
let bomb;

/** The faults, by the name a request picks (by default in its `x-fault` header). */
export const FAULTS = /** @satisfies {Record<string, Fault>} */ ({
  ok,
  "reset-before-response": resetBeforeResponse,
  "reset-once-then-ok": onceThenOk(resetBeforeResponse),
  /** 200 headers and half the body; then a TCP reset. */
  "reset-mid-body": ({ res }) => {
    const json = JSON.stringify({ id: 1, first_name: "Ada", last_name: "Lovelace" });
    res.writeHead(200, { ...JSON_TYPE, "content-length": String(json.length) });
    res.write(json.slice(0, json.length / 2), () => res.socket?.resetAndDestroy());
  },
  stall,
  "stall-once-then-ok": onceThenOk(stall),
  "html-500": htmlError,
  "html-500-once-then-ok": onceThenOk(htmlError),
  "empty-502": ({ res }) => void res.writeHead(502).end(),
  /** 401 with the iwERP error headers; one message quotes the token. */
  "unauthorized-401": (context) => {
    const { token } = secretsOf(context);
    const headers = { ...JSON_TYPE, "x-iw-error-code": "401", "x-iw-error-json": JSON.stringify(["JWT expired", `no session ${token}`]), "set-cookie": "iw_session=server-cookie-value; HttpOnly" };
    context.res.writeHead(401, headers).end(JSON.stringify({ message: "Unauthorized" }));
  },
  /** 422 whose body echoes the submitted participant, secret word included, and the token. */
  "validation-422": (context) => {
    const { token } = secretsOf(context);
    const echo = { title: "Unprocessable Entity", detail: `first_name rejected for session ${token}`, data: submitted(context.body) };
    context.res.writeHead(422, JSON_TYPE).end(JSON.stringify(echo));
  },
  /** 429 with `Retry-After: 0` on the first request, then 200. */
  "rate-limited-once": onceThenOk(({ res }) => void res.writeHead(429, { ...JSON_TYPE, "retry-after": "0" }).end(JSON.stringify({ title: "Too Many Requests" }))),
  /** 429 with a `Retry-After` of an hour, always. */
  "rate-limited-long": ({ res }) => void res.writeHead(429, { ...JSON_TYPE, "retry-after": "3600" }).end(JSON.stringify({ title: "Too Many Requests" })),
  /** 503 without `Retry-After` on the first request, then 200. */
  "unavailable-once": onceThenOk(({ res }) => void res.writeHead(503, JSON_TYPE).end(JSON.stringify({ title: "Service Unavailable" }))),
  /** 503 with `Retry-After` as an HTTP date in the past, always. */
  "unavailable-always": ({ res }) => void res.writeHead(503, { "retry-after": new Date(Date.now() - 60_000).toUTCString() }).end("down for maintenance"),
  /** 200 with JSON cut off in the middle, echoing the secret word as JSON writes it (escaped). */
  "broken-json": (context) => {
    const { word } = secretsOf(context);
    context.res.writeHead(200, JSON_TYPE).end(`{"id": 7, "ai_auto_close_secret_word": ${JSON.stringify(word)}, "first_name": "Ad`);
  },
  /** 200 with well-formed JSON that breaks the schema in three places; echoes both secrets. */
  "schema-violation": (context) => {
    const { token, word } = secretsOf(context);
    const body = { id: "forty-two", chatroom: { id: "room-1" }, room_admin: "yes", nickname: token, ai_auto_close_secret_word: word };
    context.res.writeHead(200, JSON_TYPE).end(JSON.stringify(body));
  },
  /** `ok`'s answer with its `id` as a string: a tenant that drifted from the spec in one place. */
  "drift-id": async ({ res, answer }) => {
    const { status, headers, body } = await answer();
    const record = status === 200 ? JSON.parse(body) : undefined;
    res.writeHead(status, headers).end(record ? JSON.stringify({ ...record, id: String(record.id) }) : body);
  },
  /** `ok`'s answer, with 201 instead of 200. */
  "created-201": async ({ res, answer }) => {
    const { status, headers, body } = await answer();
    res.writeHead(status === 200 ? 201 : status, headers).end(body);
  },
  /** 200 streaming 12 MiB without a Content-Length: more than the default `maxResponseBytes`. */
  "huge-body": ({ res }) => {
    res.writeHead(200, JSON_TYPE);
    const chunk = Buffer.alloc(64 * 1024, "x");
    void streamBody(res, ['{"first_name":"', ...Array.from({ length: 192 }, () => chunk)]);
  },
  /** 200 declaring 50 MiB in Content-Length. */
  "huge-declared": ({ res }) => {
    res.writeHead(200, { ...JSON_TYPE, "content-length": String(50 * 1024 * 1024) });
    res.write('{"first_name":"');
  },
  /** 200 with `Content-Encoding: gzip`, chunked: about 16 kB that inflate to 16 MiB, so only a client that counts the decoded bytes stops it. */
  "gzip-bomb": ({ res }) => {
    bomb ??= gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    res.writeHead(200, { ...JSON_TYPE, "content-encoding": "gzip" });
    // Written before `end`, so node:http sends it chunked (`end(body)` alone would add a Content-Length).
    res.write(bomb);
    res.end();
  },
  /** 200, then a valid body in 100 pieces 20 ms apart: two seconds in all. */
  "slow-trickle": ({ res, body }) => void streamBody(res.writeHead(200, JSON_TYPE), trickled(JSON.stringify({ ...submitted(body), id: 9 }), 100, 20)),
  /** 200, then a valid body in 4 pieces 5 ms apart. */
  "short-trickle": ({ res, body }) => void streamBody(res.writeHead(200, JSON_TYPE), trickled(JSON.stringify({ ...submitted(body), id: 10 }), 4, 5)),
  /** 307 to the URL in the request's `x-redirect-to` header. */
  "redirect-307": ({ req, res }) => void res.writeHead(307, { location: String(req.headers["x-redirect-to"] ?? "/") }).end(),
  /** A status with a small JSON body; `x-fault-status` picks it (default 418). */
  status: ({ req, res }) => {
    const code = Number(req.headers["x-fault-status"] ?? 418);
    res.writeHead(code, JSON_TYPE).end(JSON.stringify({ title: "Rejected", detail: `status ${code} as asked` }));
  },
});

/** The name of a fault a stand-in plays. @typedef {keyof typeof FAULTS} FaultName */
