import { describe, expect, test } from "vitest";
import { httpErrorFromResponse } from "../../src/core/http-error-from-response.js";
import {
  ConnectionError,
  createChatClient,
  InvalidResponseError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  type HttpErrorDetails,
} from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

/*
 * Issue 19: a message says exactly what to do. A 429 (or 5xx) names the wait the server asked for in seconds,
 * and a failure after retries says how many attempts were made.
 */

const BASE = "https://acme.iw-erp.de";
const where = { method: "GET", url: `${BASE}/api/chat/chatroom/42`, attempts: 1 };

function details(status: number, more: Partial<HttpErrorDetails> = {}): HttpErrorDetails {
  return { ...where, status, code: undefined, messages: [], body: undefined, headers: {}, ...more };
}

/** A fetch that fails like undici when nothing listens at the port. */
function refusedFetch(): { fetch: typeof fetch; calls: number } {
  const state = {
    calls: 0,
    fetch: async () => {
      state.calls++;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
    },
  };
  return state;
}

describe("the wait after a 429 or 5xx", () => {
  test("a 429 with Retry-After names the wait in seconds", () => {
    const error = httpErrorFromResponse(details(429, { retryAfterMs: 30_000 }), "Too Many Requests");

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(`GET ${BASE}/api/chat/chatroom/42 failed with 429 Too Many Requests. Try again in 30 s.`);
  });

  test("a wait that is not a whole number of seconds is rounded up, since trying sooner would be refused again", () => {
    expect(httpErrorFromResponse(details(429, { retryAfterMs: 1_200 }), "").message).toMatch(/\. Try again in 2 s\.$/);
  });

  test("a 503 with Retry-After names its wait too, a 429 without one says to try again later", () => {
    expect(httpErrorFromResponse(details(503, { retryAfterMs: 120_000 }), "Service Unavailable").message).toMatch(/failed with 503 Service Unavailable\. Try again in 120 s\.$/);
    const without = httpErrorFromResponse(details(429), "Too Many Requests");
    expect(without.message).toMatch(/failed with 429 Too Many Requests\. Try again later\.$/);
    expect(without.message).not.toContain("retryAfterMs");
  });

  test("a Retry-After longer than maxDelayMs is not waited for: the one attempt's RateLimitError names the wait", async () => {
    const scripted = createScriptedFetch(jsonResponse(429, { title: "Too Many Requests" }, { "retry-after": "90" }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { maxDelayMs: 1_000 } });

    const error = await chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ attempts: 1, retryAfterMs: 90_000 });
    expect((error as RateLimitError).message).toMatch(/failed with 429: Too Many Requests\. Try again in 90 s\.$/);
    expect(scripted.requests).toHaveLength(1);
  });
});

describe("a failure after retries says how many attempts were made", () => {
  test("a 503 on every attempt of a GET fails naming the three attempts", async () => {
    const scripted = createScriptedFetch(jsonResponse(503, { title: "Service Unavailable" }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 1, maxDelayMs: 1 } });

    const error = await chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect((error as ServerError).message).toBe(`GET ${BASE}/api/chat/chatroom/42 failed with 503 after 3 attempts: Service Unavailable. Try again later.`);
    expect(scripted.requests).toHaveLength(3);
  });

  test("a failure on the only attempt does not speak of attempts", async () => {
    const scripted = createScriptedFetch(jsonResponse(500, { title: "Internal Server Error" }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: false });

    const error = (await chat.chatrooms.get(42).catch((e: unknown) => e)) as ServerError;

    expect(error.attempts).toBe(1);
    expect(error.message).not.toMatch(/attempt/);
  });

  test("a refused connection on every attempt fails naming the attempts", async () => {
    const refused = refusedFetch();
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: refused.fetch, logger: false, retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 1 } });

    const error = (await chat.chatrooms.get(42).catch((e: unknown) => e)) as ConnectionError;

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(4);
    expect(refused.calls).toBe(4);
    expect(error.message).toBe(`GET ${BASE}/api/chat/chatroom/42 could not connect (connect ECONNREFUSED 127.0.0.1:9) after 4 attempts. Nothing was sent.`);
  });

  test("an HTML page after two 503s fails as an InvalidResponseError naming the three attempts beside the status", async () => {
    const html = new Response("<html>Bad Gateway</html>", { status: 200, headers: { "content-type": "text/html" } });
    const scripted = createScriptedFetch(jsonResponse(503, { title: "Service Unavailable" }), jsonResponse(503, { title: "Service Unavailable" }), html);
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 1, maxDelayMs: 1 } });

    const error = (await chat.chatrooms.get(42).catch((e: unknown) => e)) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.attempts).toBe(3);
    expect(scripted.requests).toHaveLength(3);
    expect(error.message).toBe(
      `GET ${BASE}/api/chat/chatroom/42 returned 200 after 3 attempts with invalid JSON (content-type: text/html): <html>Bad Gateway</html>. The request was probably processed; check before repeating it.`,
    );
  });

  test("an HTML page on the only attempt fails as an InvalidResponseError that does not speak of attempts", async () => {
    const scripted = createScriptedFetch(new Response("<html>Bad Gateway</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: false });

    const error = (await chat.chatrooms.get(42).catch((e: unknown) => e)) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      `GET ${BASE}/api/chat/chatroom/42 returned 200 with invalid JSON (content-type: text/html): <html>Bad Gateway</html>. The request was probably processed; check before repeating it.`,
    );
  });

  test("a body that breaks the spec after two 503s fails as a ResponseValidationError naming the three attempts", async () => {
    const scripted = createScriptedFetch(jsonResponse(503, { title: "Service Unavailable" }), jsonResponse(503, { title: "Service Unavailable" }), jsonResponse(200, { id: "forty-two" }));
    const chat = createChatClient({
      baseUrl: BASE,
      sessionToken: TOKEN,
      fetch: scripted.fetch,
      logger: false,
      validateResponses: "throw",
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
    });

    const error = (await chat.chatrooms.get(42).catch((e: unknown) => e)) as ResponseValidationError;

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.attempts).toBe(3);
    expect(error.message).toBe(`GET ${BASE}/api/chat/chatroom/42 returned 200 after 3 attempts with a body that does not match the spec:\n  /id: must be integer`);
  });

  test("a body that breaks the spec on the only attempt fails as a ResponseValidationError that does not speak of attempts", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: "forty-two" }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, validateResponses: "throw", retry: false });

    const error = (await chat.chatrooms.get(42).catch((e: unknown) => e)) as ResponseValidationError;

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(`GET ${BASE}/api/chat/chatroom/42 returned 200 with a body that does not match the spec:\n  /id: must be integer`);
  });
});

describe("what the server said, in the message", () => {
  test("an X-IW-ERROR-JSON of 100,000 characters is cut in the message and kept whole in messages", () => {
    // Node.js caps a header at 16 KiB, but a browser, MSW or a caller's fetch passes a longer one on.
    const said = `first_name: ${"too long ".repeat(11_111)}`;

    const error = httpErrorFromResponse(details(422, { messages: [said, "last_name: missing"] }), "Unprocessable Entity");

    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toMatch(/failed with 422 Unprocessable Entity: first_name: too long too long .*…\. Fix the request as the server says\.$/);
    expect(error.messages).toEqual([said, "last_name: missing"]);
  });
});
