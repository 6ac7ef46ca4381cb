// The client against the fake tenant's soft errors and API keys: every error case as the client classifies it.
// The fake's side of every case is in soft-errors.test.ts, api-keys.test.ts and customer-sessions.test.ts.
import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { AuthenticationError, createChatClient, NotFoundError, ServerError, type ChatClientOptions, type OperationId, type RetryEvent } from "../../src/index.js";
import { createFakeTenant, FAKE_API_KEY, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { BASE_URL, checkedFetch, createFakeClient, rejectionOf } from "../support/create-fake-client.js";
import { ERROR_CASES } from "../support/error-cases.js";
import { spec } from "../support/spec.js";

/** The operation that makes an API key, as the spec will name it. */
const CREATE_JWT = "get_api_token_create_jwt_action" as OperationId;

describe("with soft errors the client throws the class of the code in X-IW-ERROR-CODE", () => {
  test.each(ERROR_CASES.map((errorCase) => ({ ...errorCase, className: errorCase.errorClass.name })))("$name: $className, status 400, named once as 400 (iwERP code $code)", async (errorCase) => {
    const clients = createFakeClient({ ...errorCase.options, softErrors: true });
    errorCase.arrange?.(clients.tenant);

    const error = await rejectionOf(errorCase.call(clients));

    expect(error).toBeInstanceOf(errorCase.errorClass);
    expect(error).toMatchObject({ status: 400, code: String(errorCase.code), messages: errorCase.messages });
    expect((error as Error).message.split(`400 (iwERP code ${errorCase.code})`)).toHaveLength(2);
  });

  test("a soft 503 on a GET is retried like a 503, after its Retry-After", async () => {
    const events: RetryEvent[] = [];
    const { chat, tenant } = createFakeClient({ softErrors: true }, { retry: { onRetry: (event) => events.push(event) } });
    tenant.fail("get_chatroom_get", { status: 503, retryAfter: 0.05 });

    expect((await chat.chatrooms.get(42)).id).toBe(42);
    expect(events.map((event) => [event.delayMs, event.error instanceof ServerError])).toEqual([[50, true]]);
    expect(tenant.requests.map((r) => [r.status, r.errorCode])).toEqual([
      [400, 503],
      [200, null],
    ]);
  });

  test("a soft 500 on a POST is not repeated (it may have been processed)", async () => {
    const { chat, tenant } = createFakeClient({ softErrors: true }, { retry: { initialDelayMs: 1 } });
    tenant.fail("post_chatroom_participant_post", { status: 500 });

    await expect(chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" })).rejects.toBeInstanceOf(ServerError);
    expect(tenant.requests).toHaveLength(1);
  });

  test("a soft 404 whose X-IW-ERROR-CODE the client reads is a NotFoundError, also through chat.request", async () => {
    const { chat } = createFakeClient({ softErrors: true });

    await expect(chat.request("get_chatroom_get", { path: { identifier: 7 } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("API keys through the client", () => {
  /** A client of `tenant` that authenticates with `apiKey` (the client's option from the other branch). */
  const withApiKey = (tenant: ReturnType<typeof createFakeTenant>, apiKey: string) =>
    createChatClient({ baseUrl: BASE_URL, apiKey, fetch: checkedFetch(tenant), retry: false, logger: false } as unknown as ChatClientOptions);

  test("createChatClient({ apiKey }) calls the fake with x-iw-jwt-token and no session token", async () => {
    const tenant = createFakeTenant();

    expect((await withApiKey(tenant, tenant.apiKey).chatrooms.get(42)).id).toBe(42);
    expect(tenant.requests.map((r) => [r.apiKey, r.sessionToken])).toEqual([[FAKE_API_KEY, null]]);
  });

  test.each([false, true])("a revoked API key is an AuthenticationError whose hint says to create a new key (softErrors: %s)", async (softErrors) => {
    const tenant = createFakeTenant({ softErrors });
    tenant.revokeApiKey(tenant.apiKey);

    const error = await rejectionOf(withApiKey(tenant, FAKE_API_KEY).chatrooms.get(42));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/new (API )?key/i);
    expect(JSON.stringify(error)).not.toContain(FAKE_API_KEY);
  });
});

describe("the spec's API key scheme and create_jwt, served by the fake", () => {
  test("the spec has a security scheme for the API key in the header the fake reads", () => {
    expect(Object.values(spec.components.securitySchemes).map((scheme) => scheme.name)).toContain("x-iw-jwt-token");
  });

  test("create_jwt is in the operation table and the fake serves it: a new key, accepted from then on, in the Session's sessionid", async () => {
    expect(Object.hasOwn(OPERATIONS, CREATE_JWT)).toBe(true);
    const tenant = createFakeTenant();
    const headers = { "x-session-token": FAKE_SESSION_TOKEN };

    const response = await tenant.fetch(`${BASE_URL}/api/base/api_token/create_jwt?scopes=chat&validSeconds=3600`, { headers });
    const session = (await response.json()) as { sessionid: string; is_api_key: boolean };
    const read = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/42`, { headers: { "x-iw-jwt-token": session.sessionid } });

    expect([response.status, session.is_api_key]).toEqual([200, true]);
    expect(session.sessionid.split(".")).toHaveLength(3);
    expect(read.status).toBe(200);
  });
});
