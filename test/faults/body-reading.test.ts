import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { byPathPrefix, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { AbortError, createChatClient, InvalidInputError, InvalidResponseError, type ConnectionOptions } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { rejectionOf } from "../support/create-test-client.js";
import { TOKEN } from "../support/secrets.js";

const PARTICIPANT_PATH = "/api/chat/chatroom_participant";
/** The `maxResponseBytes` of the clients against the server below. */
const LIMIT = 64 * 1024;
/** 16 MiB of spaces, gzipped to about 16 kB: far past `LIMIT` once inflated. */
const BOMB = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));

/** A body from `chunks` without `Content-Length`, one chunk per read, as a socket delivers them. */
function chunkedResponse(chunks: Uint8Array[], headers: Record<string, string> = {}): Response {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json", ...headers } });
}

/** A client whose fetch answers every call with `answer()`. */
function clientAnswering(answer: () => Response, options: Partial<ConnectionOptions> = {}) {
  return createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: TOKEN, retry: false, logger: false, fetch: async () => answer(), ...options });
}

describe("a body is read whole and decoded once", () => {
  test("a character split across two chunks of an answer without Content-Length arrives whole", async () => {
    const bytes = new TextEncoder().encode('{"id":7,"first_name":"Zoë ü €"}');
    const at = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ë"
    const chat = clientAnswering(() => chunkedResponse([bytes.slice(0, at), bytes.slice(at, at + 3), bytes.slice(at + 3)]));

    await expect(chat.chatroomParticipants.add({ first_name: "Zoë" })).resolves.toMatchObject({ id: 7, first_name: "Zoë ü €" });
  });

  test("a byte order mark is dropped, as response.text() drops it", async () => {
    const bytes = new TextEncoder().encode('\uFEFF{"id":7}');
    const chat = clientAnswering(() => chunkedResponse([bytes.slice(0, 2), bytes.slice(2)]));

    await expect(chat.chatroomParticipants.add({ first_name: "Ada" })).resolves.toMatchObject({ id: 7 });
  });

  test("an answer without Content-Length of exactly maxResponseBytes is read; one byte more is refused", async () => {
    const body = `{"id":7,"note":"${"x".repeat(100)}"}`;
    const size = new TextEncoder().encode(body).length;
    const halves = () => {
      const bytes = new TextEncoder().encode(body);
      return [bytes.slice(0, 50), bytes.slice(50)];
    };

    await expect(clientAnswering(() => chunkedResponse(halves()), { maxResponseBytes: size }).chatroomParticipants.add({ first_name: "Ada" })).resolves.toMatchObject({ id: 7 });
    const error = await rejectionOf(clientAnswering(() => chunkedResponse(halves()), { maxResponseBytes: size - 1 }).chatroomParticipants.add({ first_name: "Ada" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(new RegExp(`returned 200 with a body over ${size - 1} bytes`));
  });

  test("an error body without Content-Length over maxResponseBytes is refused too", async () => {
    const chat = clientAnswering(() => new Response(new Blob(["x".repeat(2000)]).stream(), { status: 500 }), { maxResponseBytes: 1000 });

    const error = await rejectionOf(chat.chatroomParticipants.add({ first_name: "Ada" }));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 500 });
  });
});

describe("maxResponseBytes over HTTP", () => {
  let server: StandIn;
  /** Resolves with each endless answer once its connection is closed: the client stopped reading. */
  const closed: Array<Promise<unknown>> = [];
  /** Resolves once the server has written the head and the first part of a `stall` answer. */
  let headSent: () => void = () => {};

  /** Writes 64 KiB chunks, honouring backpressure, until the client goes away. */
  const endless = (res: ServerResponse) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed) if (!res.write(chunk)) return void res.once("drain", pump);
    };
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"id":7,"note":"');
    pump();
  };

  beforeAll(async () => {
    server = await startStandIn({
      pick: byPathPrefix(),
      handler: ({ fault: scenario }, res) => {
        if (scenario === "endless") {
          closed.push(once(res, "close"));
          endless(res);
        } else if (scenario === "bomb") {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
          res.write(BOMB); // before `end`, so it goes chunked, without Content-Length
          res.end();
        } else if (scenario === "bomb-with-length") {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(BOMB.length) }).end(BOMB);
        } else if (scenario === "stall") {
          closed.push(once(res, "close"));
          res.writeHead(200, { "content-type": "application/json" });
          res.write('{"id":7,', () => headSent());
        } else {
          res.writeHead(404).end();
        }
      },
    });
  });
  afterAll(() => server.close());

  const chatAt = (scenario: string, options: Partial<ConnectionOptions> = {}) =>
    createChatClient({ baseUrl: `${server.url}/${scenario}`, sessionToken: TOKEN, maxResponseBytes: LIMIT, retry: false, logger: false, ...options });

  test("an endless chunked answer stops at the limit with an InvalidResponseError, and the client closes the connection", async () => {
    const error = await rejectionOf(chatAt("endless").chatroomParticipants.add({ first_name: "Ada" }));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/returned 200 with a body over 65536 bytes .*Raise `maxResponseBytes` if that is expected\./);
    // The server sees the connection go: nothing more is read, however long the body would run.
    await closed.at(-1);
  });

  test.each(["bomb", "bomb-with-length"])("a gzip bomb (%s) is stopped once the inflated body passes the limit", async (scenario) => {
    expect(BOMB.length).toBeLessThan(LIMIT);

    const error = await rejectionOf(chatAt(scenario).chatroomParticipants.add({ first_name: "Ada" }));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/with a body over 65536 bytes/);
  });

  test("the raw client stops an endless chunked answer at the limit too", async () => {
    const outcome = await createRawClient(chatAt("endless"))
      .GET("/api/chat/chatroom_message/{identifier}", { params: { path: { identifier: "7" } } })
      .then(
        () => "resolved",
        (error: unknown) => error,
      );

    expect(String((outcome as Error).cause ?? outcome)).toMatch(/exceeds 65536 bytes/);
    await closed.at(-1);
  });

  test.each([
    ["the runtime's fetch", false],
    ["a caller's fetch that ignores the signal", true],
  ])("aborting while the body is read ends the call with an AbortError (%s)", async (_name, ignoresSignal) => {
    const head = new Promise<void>((resolve) => (headSent = resolve));
    const controller = new AbortController();
    const realFetch = globalThis.fetch;
    const chat = chatAt("stall", ignoresSignal ? { fetch: (url, init) => realFetch(url, { ...init, signal: null }) } : {});

    const pending = chat.chatroomParticipants.add({ first_name: "Ada" }, { signal: controller.signal });
    await head;
    controller.abort();

    expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    if (!ignoresSignal) await closed.at(-1);
    else server.server.closeAllConnections();
  });
});

describe("a request that cannot be written", () => {
  test.each([
    ["a path value", { path: { identifier: "\uD800" } }],
    ["a query value", { query: { searchString: "\uD800" } }],
  ])("a lone surrogate in %s is an InvalidInputError, and nothing is sent", async (_where, input) => {
    let sent = 0;
    const chat = clientAnswering(() => {
      sent++;
      return new Response("{}");
    });
    const id = "path" in input ? "get_chatroom_get" : "get_chatroom_participant_cget";

    const error = await rejectionOf(chat.request(id, input as never));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/was not sent\. Invalid request: could not be built \(URIError: URI malformed\)/);
    expect(sent).toBe(0);
  });

  test("a body whose getter throws is an InvalidInputError that names the error, and nothing is sent", async () => {
    let sent = 0;
    const chat = clientAnswering(() => {
      sent++;
      return new Response("{}");
    });
    const body = {
      get first_name(): string {
        throw new RangeError("no name today");
      },
    };

    const error = await rejectionOf(chat.chatroomParticipants.add(body));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/^POST https:\/\/acme\.iw-erp\.de\/api\/chat\/chatroom_participant was not sent\. Invalid request: could not be built \(RangeError: no name today\)/);
    expect(sent).toBe(0);
  });
});

describe("a body that is a Node.js stream, as node-fetch's fetch gives it (a proxy's fetch, say)", () => {
  /** An answer shaped as node-fetch's (v2 and v3): its body a Node.js `Readable` with no `getReader`, not a ReadableStream. */
  function nodeFetchResponse(body: Readable, headers: Record<string, string> = {}): Response {
    return { ok: true, status: 200, statusText: "OK", headers: new Headers({ "content-type": "application/json", ...headers }), body } as unknown as Response;
  }

  test("is read whole, a character split across its chunks included: the participant comes back", async () => {
    const bytes = new TextEncoder().encode('{"id":7,"first_name":"Zoë"}');
    const at = bytes.indexOf(0xc3) + 1;
    const chat = clientAnswering(() => nodeFetchResponse(Readable.from([Buffer.from(bytes.slice(0, at)), Buffer.from(bytes.slice(at))])));

    await expect(chat.chatroomParticipants.add({ first_name: "Zoë" })).resolves.toMatchObject({ id: 7, first_name: "Zoë" });
  });

  test("past maxResponseBytes, or with a Content-Length past it, is refused as too large and the stream destroyed", async () => {
    const endless = Readable.from((function* () {
      for (;;) yield Buffer.alloc(1024, 0x20);
    })());
    const declared = Readable.from([Buffer.from("{}")]);

    const error = await rejectionOf(clientAnswering(() => nodeFetchResponse(endless), { maxResponseBytes: 4096 }).chatroomParticipants.add({ first_name: "Ada" }));
    const early = await rejectionOf(clientAnswering(() => nodeFetchResponse(declared, { "content-length": "5000" }), { maxResponseBytes: 4096 }).chatroomParticipants.add({ first_name: "Ada" }));

    for (const refused of [error, early]) {
      expect(refused).toBeInstanceOf(InvalidResponseError);
      expect((refused as Error).message).toMatch(/with a body over 4096 bytes/);
    }
    expect([endless.destroyed, declared.destroyed]).toEqual([true, true]);
  });
});
