import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../../src/core/defaults.js";
import { httpErrorFromResponse } from "../../src/core/http-error-from-response.js";
import type { RetryPolicy } from "../../src/core/resolve-options.js";
import { retryDelay } from "../../src/core/retry-policy.js";
import {
  AuthenticationError,
  ConflictError,
  createChatClient,
  HttpError,
  NotFoundAfterRetryError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  type HttpErrorDetails,
  type RetryEvent,
} from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

/*
 * iwERP reports most errors as HTTP 400 with the real code in X-IW-ERROR-CODE ("soft" errors, e.g. 401 for an
 * expired API key). The client classifies them, and retries them, by that code; the error keeps status 400.
 */

const BASE = "https://acme.iw-erp.de";
const where = { method: "GET", url: `${BASE}/api/chat/chatroom/42`, attempts: 1 };
const policy: RetryPolicy = { ...DEFAULTS.retry, onRetry: undefined };

function soft(code: string | undefined, more: Partial<HttpErrorDetails> = {}): HttpErrorDetails {
  return { ...where, status: 400, code, messages: ["JWT expired"], body: undefined, headers: {}, ...more };
}

/** A 400 answer with the iwERP error headers. */
function softAnswer(code: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(400, { title: "Bad Request" }, { "x-iw-error-code": code, "x-iw-error-json": '["JWT expired"]', ...headers });
}

describe("a soft error is classified by its X-IW-ERROR-CODE", () => {
  test.each([
    ["401", "AuthenticationError", AuthenticationError],
    ["403", "PermissionDeniedError", PermissionDeniedError],
    ["404", "NotFoundError", NotFoundError],
    ["409", "ConflictError", ConflictError],
    ["422", "RequestValidationError", RequestValidationError],
    ["400", "RequestValidationError", RequestValidationError],
    ["429", "RateLimitError", RateLimitError],
    ["500", "ServerError", ServerError],
    ["503", "ServerError", ServerError],
    ["599", "ServerError", ServerError],
    [" 401 ", "AuthenticationError", AuthenticationError],
  ] as const)("400 with code %j becomes exactly a %s that keeps status 400 and the code", (code, _name, ErrorClass) => {
    const error = httpErrorFromResponse(soft(code.trim()), "Bad Request");

    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ status: 400, code: code.trim(), messages: ["JWT expired"] });
  });

  test("the message names the status and the iwERP code once each", () => {
    const error = httpErrorFromResponse(soft("401"), "Bad Request");

    expect(error.message).toBe(
      "GET https://acme.iw-erp.de/api/chat/chatroom/42 failed with 400 (iwERP code 401): JWT expired. " +
        "Log in again (`login()`) and pass the new `session.sessionid` as `sessionToken`.",
    );
    expect(error.message.match(/400/g)).toHaveLength(1);
    expect(error.message.match(/401/g)).toHaveLength(1);
  });

  test.each([
    ["a code that is no HTTP status", "E_SOMETHING"],
    ["a success code", "200"],
    ["a redirect code", "302"],
    ["a code of four digits", "4011"],
    ["a code with a sign", "+401"],
    ["a code beyond 5xx", "600"],
  ])("%s changes nothing: the 400 stays a RequestValidationError with the code as a note", (_case, code) => {
    const error = httpErrorFromResponse(soft(code), "Bad Request");

    expect(error.constructor).toBe(RequestValidationError);
    expect(error.message).toContain(`failed with 400 Bad Request [iwERP error ${code}]: JWT expired. Fix the request as the server says.`);
  });

  test("without X-IW-ERROR-CODE a 400 stays a RequestValidationError", () => {
    const error = httpErrorFromResponse(soft(undefined), "Bad Request");

    expect(error.constructor).toBe(RequestValidationError);
    expect(error.message).not.toMatch(/iwERP/);
  });

  test("a code on another status than 400 is followed too, and the message names both", () => {
    const error = httpErrorFromResponse(soft("404", { status: 500 }), "Internal Server Error");

    expect(error.constructor).toBe(NotFoundError);
    expect(error.message).toMatch(/failed with 500 \(iwERP code 404\): JWT expired\. Check the host and the ids\.$/);
  });

  test("a soft 404 to a repeated DELETE is a NotFoundAfterRetryError", () => {
    const error = httpErrorFromResponse(soft("404", { method: "DELETE" }), "Bad Request", true);

    expect(error).toBeInstanceOf(NotFoundAfterRetryError);
    expect(error.status).toBe(400);
  });
});

describe("the AuthenticationError's hint depends on the credential", () => {
  test.each([
    ["an API key: create a new key", true, "Create a new API key in the iwERP user settings and pass it as `apiKey`."],
    ["a session token: log in again", false, "Log in again (`login()`) and pass the new `session.sessionid` as `sessionToken`."],
  ])("%s", (_case, apiKey, hint) => {
    for (const details of [soft("401"), soft(undefined, { status: 401 })]) {
      const error = httpErrorFromResponse(details, "", false, apiKey);

      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message.endsWith(` ${hint}`)).toBe(true);
    }
  });

  test.each([
    ["apiKey", { apiKey: TOKEN }, /Create a new API key in the iwERP user settings and pass it as `apiKey`\.$/],
    ["sessionToken", { sessionToken: TOKEN }, /Log in again \(`login\(\)`\) and pass the new `session\.sessionid` as `sessionToken`\.$/],
  ] as const)("a client with %s says so on a soft 401", async (_name, credential, hint) => {
    const scripted = createScriptedFetch(softAnswer("401"));
    const chat = createChatClient({ baseUrl: BASE, fetch: scripted.fetch, logger: false, ...credential });

    const error = await chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(400);
    expect((error as Error).message).toMatch(hint);
  });
});

describe("retries follow the iwERP code under the rules of its status", () => {
  const retried = (code: string, idempotent: boolean, retryAmbiguous = false) =>
    retryDelay(httpErrorFromResponse(soft(code), ""), 1, { ...policy, retryAmbiguous }, idempotent) !== undefined;

  const yes = "retried";
  const no = "not retried";
  test.each([
    ["503", yes, yes, yes],
    ["429", yes, yes, yes],
    ["500", yes, no, yes],
    ["502", yes, no, yes],
    ["504", yes, no, yes],
    ["401", no, no, no],
    ["404", no, no, no],
    ["E_BUSY", no, no, no],
  ])("soft %s: a GET is %s, a POST %s, a POST with retryAmbiguous %s", (code, get, post, postAmbiguous) => {
    expect(retried(code, true)).toBe(get === yes);
    expect(retried(code, false)).toBe(post === yes);
    expect(retried(code, false, true)).toBe(postAmbiguous === yes);
  });

  test("a soft 503 on a GET is retried and the next answer is returned", async () => {
    const retries: RetryEvent[] = [];
    const scripted = createScriptedFetch(softAnswer("503"), jsonResponse(200, { id: 42, name: "Support" }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 1, onRetry: (e) => retries.push(e) } });

    const room = await chat.chatrooms.get(42);

    expect(room).toEqual({ id: 42, name: "Support" });
    expect(scripted.requests).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(ServerError);
    expect(retries[0]?.error.message).toMatch(/failed with 400 \(iwERP code 503\)/);
  });

  test("a soft 429 waits for its Retry-After, then tries again", async () => {
    const retries: RetryEvent[] = [];
    const scripted = createScriptedFetch(softAnswer("429", { "retry-after": "0" }), jsonResponse(200, { id: 7 }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 5_000, onRetry: (e) => retries.push(e) } });

    await chat.chatroomParticipants.add({ first_name: "Ada" });

    expect(scripted.requests).toHaveLength(2);
    expect(retries.map((e) => e.delayMs)).toEqual([0]);
    expect(retries[0]?.error).toBeInstanceOf(RateLimitError);
  });

  test("a soft 500 on a POST is not retried", async () => {
    const scripted = createScriptedFetch(softAnswer("500"), jsonResponse(200, { id: 7 }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 1 } });

    const error = await chat.chatroomParticipants.add({ first_name: "Ada" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 400, code: "500", attempts: 1 });
    expect(scripted.requests).toHaveLength(1);
  });

  test("a soft 500 to a DELETE, then a 404, is a NotFoundAfterRetryError", async () => {
    const scripted = createScriptedFetch(softAnswer("500"), softAnswer("404"));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 1 } });

    const error = await chat.chatroomParticipants.delete(7).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundAfterRetryError);
    expect(scripted.requests).toHaveLength(2);
  });

  test("a 400 whose code is no HTTP status is not retried, even on a GET", async () => {
    const scripted = createScriptedFetch(softAnswer("E_BUSY"), jsonResponse(200, { id: 42 }));
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, logger: false, retry: { initialDelayMs: 1 } });

    const error = await chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toBeInstanceOf(HttpError);
    expect(scripted.requests).toHaveLength(1);
  });
});
