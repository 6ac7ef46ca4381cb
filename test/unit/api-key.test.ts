import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  createChatClient,
  login,
  ResponseValidationError,
  ServerError,
  type ChatClient,
} from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { createScriptedFetch, jsonResponse, type ScriptedAnswer } from "../support/create-scripted-fetch.js";
import { API_KEY, createRecorder, encodedForms, expectNoSecrets, expectNothingSecret, printedForms } from "../support/secrets.js";

const BASE = "https://acme.iw-erp.de";
const SESSION = "sess-SECRET-321";

/** A client with the test API key over a scripted fetch, with 1 ms backoff and a recording logger and retry hook. */
function keyClient(...script: ScriptedAnswer[]): ReturnType<typeof createRecorder> & { chat: ChatClient; requests: Request[] } {
  const recorder = createRecorder();
  const scripted = createScriptedFetch(...script);
  const chat = createChatClient({
    baseUrl: BASE,
    apiKey: API_KEY,
    fetch: scripted.fetch,
    logger: recorder.logger,
    retry: { initialDelayMs: 1, onRetry: recorder.onRetry },
  });
  return { chat, requests: scripted.requests, ...recorder };
}

/** An answer that echoes the API key in every encoding: in the body, a header, X-IW-ERROR-JSON and the status text. */
function echoingKey(status: number, headers: Record<string, string> = {}): Response {
  const forms = encodedForms(API_KEY);
  return new Response(JSON.stringify({ title: "Rejected", detail: `key ${forms.join(" ")}`, echo: forms }), {
    status,
    statusText: `Rejected ${forms[1]}`,
    headers: { "content-type": "application/json", "x-echo": forms.join(" "), "x-iw-error-json": JSON.stringify(forms.map((f) => `bad key ${f}`)), ...headers },
  });
}

describe("a client with an API key", () => {
  test("sends it as x-iw-jwt-token and no x-session-token, through the methods, request and the raw client", async () => {
    const { chat, requests } = keyClient(jsonResponse(200, { id: 42 }));

    await chat.chatrooms.get(42);
    await chat.request("get_chatroom_get", { path: { identifier: 42 } });
    await createRawClient(chat).GET("/api/chat/chatroom/{identifier}", { params: { path: { identifier: "42" } } });

    expect(requests).toHaveLength(3);
    for (const request of requests) {
      // Compared as booleans, so that a failure never prints the key.
      expect(request.headers.get("x-iw-jwt-token") === API_KEY, "x-iw-jwt-token carries the key").toBe(true);
      expect(request.headers.has("x-session-token")).toBe(false);
    }
  });

  test("keeps the key out of errors, log lines and retry events, however the server echoes it", async () => {
    const t = keyClient(echoingKey(503), echoingKey(400, { "x-iw-error-code": "401" }));

    const error = await t.chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(t.requests).toHaveLength(2);
    expect(t.retries).toHaveLength(1);
    expect(t.retries[0]?.error).toBeInstanceOf(ServerError);
    expect(t.lines.some((line) => line.includes("retrying GET"))).toBe(true);
    // The echoes are there, redacted: the test would prove nothing if the server's words were dropped.
    expect((error as AuthenticationError).messages[0]).toBe("bad key [redacted]");
    expect((error as AuthenticationError).headers["x-echo"]).toMatch(/^\[redacted\]( \[redacted\])+$/);
    expectNothingSecret(error, t);
  });

  test("keeps the key out of the warning about a body that breaks the spec", async () => {
    const t = keyClient(jsonResponse(200, { id: "forty-two", name: API_KEY, token: encodeURIComponent(API_KEY) }));

    const room = await t.chat.chatrooms.get(42);

    expect(room.id).toBe("forty-two");
    expect(t.lines).toHaveLength(1);
    expect(t.lines[0]).toMatch(/^warn: iwerp-chat: GET .* does not match the spec/);
    expectNoSecrets(t.lines);
  });

  test("printed or serialized, shows no key", () => {
    const { chat } = keyClient(jsonResponse(200, {}));

    expectNoSecrets(printedForms(chat));
  });
});

describe("login, whatever its options hold", () => {
  test("returns a client that sends the session token and no API key", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: 1, sessionid: SESSION }), jsonResponse(200, { id: 42 }));
    // From JavaScript an `apiKey` can slip into the login's options; the new client must not send it.
    const options = { baseUrl: BASE, username: "ada@example.org", password: "pw", fetch: scripted.fetch, apiKey: API_KEY } as Parameters<typeof login>[0];

    const { client } = await login(options);
    await client.chatrooms.get(42);

    const [loggingIn, calling] = scripted.requests as [Request, Request];
    expect(loggingIn.headers.has("x-iw-jwt-token")).toBe(false);
    expect(calling.headers.get("x-session-token")).toBe(SESSION);
    expect(calling.headers.has("x-iw-jwt-token")).toBe(false);
  });
});

describe("chat.apiTokens.create", () => {
  test("sends GET /api/base/api_token/create_jwt with the query and returns the session", async () => {
    const session = { id: 5, sessionid: SESSION, is_api_key: true, valid: true };
    const { chat, requests } = keyClient(jsonResponse(200, session));

    const created = await chat.apiTokens.create({ scopes: "chat,base", allowedPath: "/api/chat", allowedMethod: "GET", validSeconds: 3600, maxUserAccessType: 0, extraShort: "true" });

    expect(created).toEqual(session);
    const [request] = requests as [Request];
    expect(request.method).toBe("GET");
    const url = new URL(request.url);
    expect(url.pathname).toBe("/api/base/api_token/create_jwt");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      scopes: "chat,base",
      allowedPath: "/api/chat",
      allowedMethod: "GET",
      validSeconds: "3600",
      maxUserAccessType: "0",
      extraShort: "true",
    });
  });

  test("sends no query when given none", async () => {
    const { chat, requests } = keyClient(jsonResponse(200, { id: 5 }));

    await chat.apiTokens.create();

    expect(new URL((requests[0] as Request).url).search).toBe("");
  });

  test("reports an answer that breaks the spec without the new token", async () => {
    const recorder = createRecorder();
    const scripted = createScriptedFetch(jsonResponse(200, { id: "five", sessionid: SESSION, valid: "yes" }));
    const chat = createChatClient({ baseUrl: BASE, apiKey: API_KEY, fetch: scripted.fetch, logger: recorder.logger, validateResponses: "throw" });

    const error = await chat.apiTokens.create({ validSeconds: 60 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).data).toMatchObject({ id: "five", sessionid: "[redacted]", valid: "yes" });
    for (const text of printedForms(error)) expect(text).not.toContain(SESSION);
  });
});
