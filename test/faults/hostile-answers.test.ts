import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createServer as createNetServer } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { createBrotliCompress, constants as zlibConstants } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  createChatClient,
  InvalidInputError,
  InvalidResponseError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  type ConnectionOptions,
  type ChatroomParticipant,
  type ResponseValidationMode,
} from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createScriptedFetch, jsonResponse, type ScriptedAnswer } from "../support/create-scripted-fetch.js";
import { rejectionOf } from "../support/create-test-client.js";
import { expectNoSecrets, printedForms, TOKEN } from "../support/secrets.js";

const BASE = "https://acme.iw-erp.de";
const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

const BOMB = { inflatedBytes: 400 * 1024 * 1024, byte: 0x20, quality: 5 };
/** Where the bomb is kept between runs, keyed by what makes it (git ignores node_modules/). */
const BOMB_CACHE = path.resolve(import.meta.dirname, "../../node_modules/.cache/iwerp-test-fixtures");
let bombMade: Promise<Buffer> | undefined;

/**
 * About 600 bytes of brotli that inflate to 400 MiB of spaces. Compressed once, as a stream of 1 MiB chunks (never
 * 400 MiB in memory; about 0.3 s), then read from node_modules/.cache by every later run and worker.
 */
function brotliBomb(): Promise<Buffer> {
  bombMade ??= (async () => {
    const key = createHash("sha256").update(JSON.stringify({ ...BOMB, brotli: process.versions.brotli })).digest("hex").slice(0, 16);
    const file = path.join(BOMB_CACHE, `brotli-bomb-${key}.br`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached && cached.length > 0) return cached;
    const chunk = Buffer.alloc(1024 * 1024, BOMB.byte);
    const chunks = (function* () {
      for (let sent = 0; sent < BOMB.inflatedBytes; sent += chunk.length) yield chunk;
    })();
    const params = { [zlibConstants.BROTLI_PARAM_QUALITY]: BOMB.quality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: BOMB.inflatedBytes };
    const bomb = await buffer(Readable.from(chunks).pipe(createBrotliCompress({ params })));
    // Written aside and renamed, so that a worker reading at the same time never sees half a file.
    await mkdir(BOMB_CACHE, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, bomb);
    await rename(partial, file);
    return bomb;
  })();
  return bombMade;
}

/** A client over a scripted fetch, with 1 ms backoff, and the log lines it wrote. */
function clientAnswering(script: ScriptedAnswer[], options: Partial<ConnectionOptions> & { sessionToken?: string } = {}) {
  const scripted = createScriptedFetch(...script);
  const lines: string[] = [];
  const client = createChatClient({
    baseUrl: BASE,
    sessionToken: TOKEN,
    fetch: scripted.fetch,
    retry: { initialDelayMs: 1 },
    logger: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
    ...options,
  });
  return { client, lines, requests: scripted.requests };
}

const add = (client: ReturnType<typeof createChatClient>) => client.chatroomParticipants.add({ first_name: "Ada" });

describe("an answer the client cannot make sense of is still the right typed error", () => {
  test.each<[string, number, string, Function]>([
    ["a validation list holding null", 422, '{"validation":[null]}', RequestValidationError],
    ["a validation message whose toString is no function", 422, '{"validation":[{"message":{"toString":1}}]}', RequestValidationError],
    ["a 401 body nested 5,000 levels deep", 401, deep(5000), AuthenticationError],
    ["a 422 body nested 5,000 levels deep", 422, `{"detail":${deep(5000)}}`, RequestValidationError],
  ])("%s gives the status's error class, not a ConnectionError", async (_case, status, body, ErrorClass) => {
    const { client } = clientAnswering([jsonResponse(status, body, { "x-iw-error-code": String(status) })]);

    const error = await rejectionOf(add(client));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status });
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  test("a body nested 5,000 levels deep is copied only 64 levels into err.body", async () => {
    const { client } = clientAnswering([jsonResponse(401, deep(5000))]);

    const error = (await rejectionOf(add(client))) as AuthenticationError;

    let level = error.body;
    let depth = 0;
    while (Array.isArray(level)) {
      level = level[0];
      depth++;
    }
    expect(depth).toBe(64);
    expect(level).toBe("[nested too deeply]");
  });

  test("a 2xx body nested 5,000 levels deep breaks the schema and is reported, not thrown as a crash", async () => {
    const { client } = clientAnswering([jsonResponse(200, `{"id":1,"chatroom":${deep(5000)}}`)], { validateResponses: "throw" });

    const error = await rejectionOf(add(client));

    expect(error).toBeInstanceOf(ResponseValidationError);
  });

  test("a logger that throws does not change the outcome: a 2xx in warn mode still resolves", async () => {
    const throwing = { info: () => {}, warn: () => { throw new Error("logger down"); } };
    const { client } = clientAnswering([jsonResponse(200, { id: "not a number" })], { logger: throwing });

    await expect(add(client)).resolves.toEqual({ id: "not a number" });
  });

  test("an async logger whose promises reject (its log service down) leaves no unhandled rejection: a 503 is retried, a 2xx in warn mode resolves", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const down = async () => {
        throw new Error("log service down");
      };
      const { client, requests } = clientAnswering([jsonResponse(503, { title: "down" }), jsonResponse(200, { id: "not a number" })], { logger: { info: down, warn: down } });

      await expect(add(client)).resolves.toEqual({ id: "not a number" });
      // Node.js reports a rejection nobody handled once the microtasks have run: a turn of the event loop later.
      await new Promise((resolve) => setImmediate(resolve));

      expect(requests).toHaveLength(2);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("an onRetry hook that throws, or whose promise rejects (a metrics service down), does not change the outcome: the 503 is retried and the call resolves", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const hooks = [
        () => {
          throw new Error("metrics down");
        },
        async () => {
          throw new Error("metrics down");
        },
      ];
      for (const onRetry of hooks) {
        const { client, requests } = clientAnswering([jsonResponse(503, { title: "down" }), jsonResponse(200, { id: 7 })], { retry: { initialDelayMs: 1, onRetry } });

        await expect(add(client)).resolves.toEqual({ id: 7 });
        expect(requests).toHaveLength(2);
      }
      // Node.js reports a rejection nobody handled once the microtasks have run: a turn of the event loop later.
      await new Promise((resolve) => setImmediate(resolve));

      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("a logger that throws does not change the outcome: a 503 is still retried", async () => {
    const throwing = { info: () => { throw new Error("logger down"); }, warn: () => { throw new Error("logger down"); } };
    const { client, requests } = clientAnswering([jsonResponse(503, { title: "down" }), jsonResponse(200, { id: 7 })], { logger: throwing });

    await expect(add(client)).resolves.toEqual({ id: 7 });
    expect(requests).toHaveLength(2);
  });
});

describe("a 2xx body that is not the JSON object the spec promises is an InvalidResponseError in every mode", () => {
  const modes: ResponseValidationMode[] = ["off", "warn", "throw"];
  test.each(modes.flatMap((mode) => ["null", "[]", "42", '"ok"'].map((body) => [mode, body] as const)))(
    "validateResponses %s, body %s",
    async (mode, body) => {
      const { client } = clientAnswering([jsonResponse(200, body)], { validateResponses: mode });

      const error = await rejectionOf(add(client));

      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(/with a JSON (null|array|number|string) where the spec says an object/);
    },
  );
});

describe("a __proto__ key in a body never becomes a prototype", () => {
  const hostile = '{"__proto__":{"polluted":true,"status":999},"detail":"x"}';

  test("in err.body of an HTTP error", async () => {
    const { client } = clientAnswering([jsonResponse(422, hostile)]);

    const error = (await rejectionOf(add(client))) as RequestValidationError;

    const body = error.body as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect((body as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(body)).toEqual(["__proto__", "detail"]);
    expect(error.status).toBe(422);
  });

  test("in err.data of a ResponseValidationError", async () => {
    const { client } = clientAnswering([jsonResponse(200, `{"id":"x",${hostile.slice(1)}`)], { validateResponses: "throw" });

    const error = (await rejectionOf(add(client))) as ResponseValidationError;

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error.data as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(error.data as object)).toContain("__proto__");
  });

  test("in the headers of an HTTP error", async () => {
    const { client } = clientAnswering([jsonResponse(500, "{}", { __proto__: "x" } as unknown as Record<string, string>)]);

    const error = (await rejectionOf(add(client))) as ServerError;

    expect(Object.getPrototypeOf(error.headers)).toBeNull();
  });
});

describe("timeouts hold even when a caller's fetch ignores request.signal", () => {
  const ignoresSignal: ScriptedAnswer = () => new Promise<Response>(() => {});

  test("the per-attempt timeout fires", async () => {
    const { client } = clientAnswering([ignoresSignal], { timeoutMs: 30, retry: false });

    const error = await rejectionOf(add(client));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ limit: "attempt", timeoutMs: 30 });
  });

  test("the deadline fires", async () => {
    const { client } = clientAnswering([ignoresSignal], { timeoutMs: 10_000, deadlineMs: 30 });

    const error = await rejectionOf(add(client));

    expect(error).toMatchObject({ name: "TimeoutError", limit: "deadline" });
  });

  test("the caller's abort ends the call", async () => {
    const { client } = clientAnswering([ignoresSignal]);
    const controller = new AbortController();

    const pending = client.chatroomParticipants.add({ first_name: "Ada" }, { signal: controller.signal });
    controller.abort();

    expect(await rejectionOf(pending)).toMatchObject({ name: "AbortError", attempts: 1 });
  });
});

describe("a fetch that refuses the request before sending it", () => {
  test("is a not-sent InvalidInputError that names the cause, never 'may have been processed'", async () => {
    const { client, requests } = clientAnswering([
      () => {
        throw new TypeError("Illegal invocation");
      },
    ]);

    const error = (await rejectionOf(add(client))) as InvalidInputError;

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "fetch", method: "POST", url: `${BASE}/api/chat/chatroom_participant` });
    expect(error.message).toMatch(/was not sent\. Invalid fetch: refused the request \(TypeError: Illegal invocation\); pass one that works when called alone, e\.g\. `window\.fetch\.bind\(window\)`\./);
    expect(error.message).not.toMatch(/may have been processed|may or may not/);
    expect(requests).toHaveLength(1);
  });

  test("a network failure without a code stays a ConnectionError that may have been processed", async () => {
    const { client } = clientAnswering([
      () => {
        throw new TypeError("Failed to fetch");
      },
    ]);

    const error = await rejectionOf(add(client));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ phase: "request" });
  });

  test("the default fetch is called as a plain function, as a browser's fetch requires", async () => {
    const original = globalThis.fetch;
    let receiver: unknown = "not called";
    globalThis.fetch = function (this: unknown) {
      receiver = this;
      return Promise.resolve(jsonResponse(200, { id: 1 }));
    } as typeof fetch;
    try {
      const client = createChatClient({ baseUrl: BASE, sessionToken: TOKEN });
      await add(client);
    } finally {
      globalThis.fetch = original;
    }
    expect(receiver === undefined || receiver === globalThis).toBe(true);
  });
});

describe("redaction catches a secret's encoded echoes", () => {
  const token = "tok/SECRET+12=";
  const word = `w/ord <"&'> ü+1`;
  const forms: Array<[string, (secret: string) => string]> = [
    ["percent-encoded", (s) => encodeURIComponent(s)],
    ["percent-encoded, lower-case hex", (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ["HTML-escaped", (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")],
    ["HTML character references", (s) => [...s].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join("")],
    ["\\uXXXX-escaped JSON", (s) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
    ["\\/-escaped JSON", (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, "\\/")],
  ];

  test.each(forms)("%s, in a Location header, a body and the status text", async (_name, encode) => {
    const echo: ScriptedAnswer = () =>
      new Response(`<p>session ${encode(token)} word ${encode(word)}</p>`, {
        status: 307,
        statusText: "Moved",
        headers: { location: `https://elsewhere.example/?t=${encode(token)}&w=${encode(word)}`, "content-type": "text/html" },
      });
    const { client } = clientAnswering([echo], { sessionToken: token });

    const error = await rejectionOf(client.chatroomParticipants.add({ first_name: "Ada", ai_auto_close_secret_word: word }));

    const printed = printedForms(error);
    for (const text of printed) {
      expect(text).not.toContain(encode(token));
      expect(text).not.toContain(encode(word));
    }
    expectNoSecrets(printed);
    expect((error as { headers: Record<string, string> }).headers.location).toMatch(/^https:\/\/elsewhere\.example\/\?t=\[redacted\]&w=\[redacted\]$/);
  });
});

describe("plain http:// goes only to literal loopback addresses and localhost", () => {
  test.each(["http://api.localhost:4010", "http://acme.localhost"])("%s needs allowInsecureHttp, since *.localhost may resolve by DNS", (baseUrl) => {
    expect(() => createChatClient({ baseUrl, sessionToken: TOKEN })).toThrow(/unencrypted \(http:\/\/ to a host that is not loopback\)/);
    expect(createChatClient({ baseUrl, sessionToken: TOKEN, allowInsecureHttp: true }).baseUrl).toBe(baseUrl);
  });
});

describe("headers that fetch refuses are rejected when the client is created", () => {
  test.each(["transfer-encoding", "content-length", "expect", "upgrade", "keep-alive", "connection", "host", "Cookie", "proxy-authorization", "sec-fetch-mode", "te"])(
    "%s",
    (name) => {
      expect(() => createChatClient({ baseUrl: BASE, sessionToken: TOKEN, headers: { [name]: "x" } })).toThrow(
        new RegExp(`Invalid headers: must not set ${name}: fetch sets, refuses or drops it\\.`),
      );
    },
  );
});

describe("the raw client honours maxResponseBytes", () => {
  let server: StandIn;
  let bomb: Buffer;

  beforeAll(async () => {
    bomb = await brotliBomb();
    server = await startStandIn({
      handler: (_request, res) => void res.writeHead(200, { "content-type": "application/json", "content-encoding": "br", "content-length": String(bomb.length) }).end(bomb),
    });
  });
  afterAll(() => server.close());

  test("a small brotli body that inflates to 400 MB is stopped at the limit", async () => {
    expect(bomb.length).toBeLessThan(1024);
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN, maxResponseBytes: 1024 * 1024 });

    const outcome = await createRawClient(chat).POST("/api/chat/chatroom_participant", { body: { data: {} as ChatroomParticipant } }).then(
      () => "resolved",
      (error: unknown) => error,
    );

    expect(outcome).toBeInstanceOf(Error);
    expect(String((outcome as Error).cause ?? outcome)).toMatch(/exceeds 1048576 bytes/);
  });
});

describe("a failure after the server began to answer is phase response and never retried", () => {
  let tcp: ReturnType<typeof createNetServer>;
  let port: number;
  const heads: Record<string, string> = {
    "a head past the header limit": `HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`,
    "a malformed header line": "HTTP/1.1 200 OK\r\nBad Header Line\r\n\r\n",
    "a status line that is not HTTP": "HELLO WORLD\r\n\r\n",
  };
  let seen = 0;

  beforeAll(async () => {
    tcp = createNetServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", (chunk) => {
        seen++;
        const name = /x-head: ([^\r\n]+)/i.exec(chunk.toString())?.[1] ?? "";
        socket.end(heads[decodeURIComponent(name)] ?? "");
      });
    });
    tcp.listen(0, "127.0.0.1");
    await once(tcp, "listening");
    port = (tcp.address() as AddressInfo).port;
  });
  afterAll(() => {
    tcp.close();
  });

  test.each(Object.keys(heads))("%s, even with retryAmbiguous", async (name) => {
    const before = seen;
    const chat = createChatClient({
      baseUrl: `http://127.0.0.1:${port}`,
      sessionToken: TOKEN,
      headers: { "x-head": encodeURIComponent(name) },
      retry: { retryAmbiguous: true, initialDelayMs: 1 },
    });

    const error = await rejectionOf(add(chat));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ phase: "response", attempts: 1 });
    expect((error as Error).message).toMatch(/got a broken or unreadable answer \(.*\)\. The request was processed; check before repeating it\./);
    expect(seen - before).toBe(1);
  });
});
