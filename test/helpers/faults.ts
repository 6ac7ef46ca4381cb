import type { IncomingMessage, ServerResponse } from "node:http";
import { example200, matchOperation } from "./spec-operations.js";

/** What a fault gets to answer one request with. */
export interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The parsed request body (or its text when it was not JSON). */
  body: unknown;
  text: string;
  /** 1 for the first request of this participant under this fault, 2 for the second, … */
  attempt: number;
}

/** How the fault server answers one request. */
export type Fault = (context: FaultContext) => void;

const JSON_TYPE = { "content-type": "application/json" };

/** The submitted participant (`body.data`), or `{}`. */
function submitted(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | null)?.data;
  return data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
}

/** The credential (session token or API key) and the secret word the client sent, so faults can echo them back as a careless server would. */
function secretsOf({ req, body }: FaultContext): { token: string; word: string } {
  const word = submitted(body).ai_auto_close_secret_word;
  return { token: String(req.headers["x-session-token"] ?? req.headers["x-iw-jwt-token"] ?? ""), word: typeof word === "string" ? word : "" };
}

let nextId = 1;

/**
 * 200 as the spec says for whichever operation was called: its reference example, with what was sent
 * (`data`) echoed over it and the path's id (or a new one) as `id`; a list gets its example list.
 */
const ok: Fault = ({ req, res, body }) => {
  const url = new URL(req.url ?? "/", "http://fault-server");
  const operation = matchOperation(req.method ?? "GET", url.pathname);
  if (!operation) {
    res.writeHead(404, JSON_TYPE).end(JSON.stringify({ title: "Not Found", detail: `no operation of the spec is ${req.method} ${url.pathname}` }));
    return;
  }
  const example = example200(operation.id);
  if (Array.isArray(example)) {
    res.writeHead(200, JSON_TYPE).end(JSON.stringify(example));
    return;
  }
  const pathId = Number(Object.values(operation.params)[0]);
  const now = new Date().toISOString();
  const stored = { ...(example as object), ...submitted(body), id: Number.isSafeInteger(pathId) ? pathId : nextId++, created: now, updated: now };
  res.writeHead(200, JSON_TYPE).end(JSON.stringify(stored));
};

/** Resets the connection (TCP RST) after the request arrived and before any byte of a response. */
const resetBeforeResponse: Fault = ({ req }) => {
  req.socket.resetAndDestroy();
};

/** Stalls: reads the request and never answers. */
const stall: Fault = () => {};

/** `first` on a participant's first request, then `ok`. */
function once(first: Fault): Fault {
  return (context) => (context.attempt === 1 ? first(context) : ok(context));
}

/** A status with a small JSON body; `x-fault-status` picks the status (default 418). */
const status: Fault = (context) => {
  const code = Number(context.req.headers["x-fault-status"] ?? 418);
  context.res.writeHead(code, JSON_TYPE).end(JSON.stringify({ title: "Rejected", detail: `status ${code} as asked` }));
};

/**
 * A proxy's HTML error page, long enough to be truncated, with the secrets in it (the word also
 * JSON-escaped, in a script) and the token in the status line and a header.
 */
const htmlError: Fault = (context) => {
  const { token, word } = secretsOf(context);
  context.res.statusMessage = `Internal Error for session ${token}`;
  const page = `<!DOCTYPE html><html><head><title>500 Internal Server Error</title><script>echo=${JSON.stringify({ word })}</script></head><body><h1>Internal Server Error</h1><p>Session ${token} sent secret ${word}.</p>${"<p>filler</p>".repeat(200)}</body></html>`;
  context.res.writeHead(500, { "content-type": "text/html; charset=utf-8", "x-echo-token": token }).end(page);
};

/** Writes chunks of `body` one per `everyMs` until done or the client goes away. */
function trickle(res: ServerResponse, body: string, chunks: number, everyMs: number): void {
  res.writeHead(200, JSON_TYPE);
  const size = Math.ceil(body.length / chunks);
  let sent = 0;
  const timer = setInterval(() => {
    res.write(body.slice(sent, sent + size));
    sent += size;
    if (sent >= body.length) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on("close", () => clearInterval(timer));
}

/** Streams a JSON-looking body of `totalBytes` without a Content-Length, honouring backpressure, until done or closed. */
function stream(res: ServerResponse, totalBytes: number): void {
  res.writeHead(200, JSON_TYPE);
  const chunk = Buffer.alloc(64 * 1024, "x");
  let written = 0;
  const pump = () => {
    while (written < totalBytes && !res.destroyed) {
      written += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  res.write('{"first_name":"');
  pump();
}

/**
 * The faults the server plays, by the name a request gives in its `x-fault` header. Several echo the
 * session token and the secret word back (in the body, a header or the status line), so the tests can
 * prove the client redacts them.
 */
export const FAULTS = {
  ok,
  "reset-before-response": resetBeforeResponse,
  "reset-once-then-ok": once(resetBeforeResponse),
  /** 200 headers and half the body; then a TCP reset. */
  "reset-mid-body": ({ res }) => {
    const json = JSON.stringify({ id: 1, first_name: "Ada", last_name: "Lovelace" });
    res.writeHead(200, { ...JSON_TYPE, "content-length": String(json.length) });
    res.write(json.slice(0, json.length / 2), () => res.socket?.resetAndDestroy());
  },
  stall,
  "stall-once-then-ok": once(stall),
  "html-500": htmlError,
  "html-500-once-then-ok": once(htmlError),
  "empty-502": ({ res }) => {
    res.writeHead(502).end();
  },
  /** 401 with the iwERP error headers; one message quotes the token. */
  "unauthorized-401": (context) => {
    const { token } = secretsOf(context);
    context.res
      .writeHead(401, {
        ...JSON_TYPE,
        "x-iw-error-code": "401",
        "x-iw-error-json": JSON.stringify(["JWT expired", `session ${token} is unknown`]),
        "set-cookie": "iw_session=server-cookie-value; HttpOnly",
      })
      .end(JSON.stringify({ message: "Unauthorized" }));
  },
  /** 422 whose body echoes the submitted participant, secret word included, and the token. */
  "validation-422": (context) => {
    const { token } = secretsOf(context);
    const echo = { title: "Unprocessable Entity", detail: `first_name rejected for session ${token}`, data: submitted(context.body) };
    context.res.writeHead(422, JSON_TYPE).end(JSON.stringify(echo));
  },
  /** 429 with `Retry-After: 0` on the first request, then 200. */
  "rate-limited-once": once(({ res }) => {
    res.writeHead(429, { ...JSON_TYPE, "retry-after": "0" }).end(JSON.stringify({ title: "Too Many Requests" }));
  }),
  /** 429 with a `Retry-After` of an hour, always. */
  "rate-limited-long": ({ res }) => {
    res.writeHead(429, { ...JSON_TYPE, "retry-after": "3600" }).end(JSON.stringify({ title: "Too Many Requests" }));
  },
  /** 503 without `Retry-After` on the first request, then 200. */
  "unavailable-once": once(({ res }) => {
    res.writeHead(503, JSON_TYPE).end(JSON.stringify({ title: "Service Unavailable" }));
  }),
  /** 503 with `Retry-After` as an HTTP date in the past, always. */
  "unavailable-always": ({ res }) => {
    res.writeHead(503, { "retry-after": new Date(Date.now() - 60_000).toUTCString() }).end("down for maintenance");
  },
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
  /** 200 streaming 12 MiB without a Content-Length: more than the default `maxResponseBytes`. */
  "huge-body": ({ res }) => stream(res, 12 * 1024 * 1024),
  /** 200 declaring 50 MiB in Content-Length. */
  "huge-declared": ({ res }) => {
    res.writeHead(200, { ...JSON_TYPE, "content-length": String(50 * 1024 * 1024) });
    res.write('{"first_name":"');
  },
  /** 200, then a valid body in 100 pieces 20 ms apart: two seconds in all. */
  "slow-trickle": ({ res, body }) => trickle(res, JSON.stringify({ ...submitted(body), id: 9 }), 100, 20),
  /** 200, then a valid body in 4 pieces 5 ms apart. */
  "short-trickle": ({ res, body }) => trickle(res, JSON.stringify({ ...submitted(body), id: 10 }), 4, 5),
  /** 307 to the URL in the request's `x-redirect-to` header. */
  "redirect-307": ({ req, res }) => {
    res.writeHead(307, { location: String(req.headers["x-redirect-to"] ?? "/") }).end();
  },
  status,
} satisfies Record<string, Fault>;

/** The name of a fault the server plays. */
export type FaultName = keyof typeof FAULTS;
