import { describe, expect, test } from "vitest";
import { createFakeTenant, createSteppingClock, FAKE_API_KEY, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { createApiToken } from "../../src/testing/api-tokens.js";
import { Credentials } from "../../src/testing/credentials.js";
import { BASE_URL, ERROR_STYLES, expectErrorAnswer } from "../support/create-fake-client.js";

/*
 * API keys (issue 16): a JWT made in the iwERP user settings, sent as x-iw-jwt-token instead of a session
 * token. The fake is called with plain fetch here, as the client's `apiKey` option comes from another branch
 * (soft-errors-client.after-merge.ts tests the two together).
 */

/** A request to the fake with `headers`. */
const call = (tenant: ReturnType<typeof createFakeTenant>, path: string, headers: Record<string, string>, init: RequestInit = {}) =>
  tenant.fetch(`${BASE_URL}${path}`, { ...init, headers: { "content-type": "application/json", ...headers } });

/** The parts of a JWT-shaped string, decoded: header and payload as JSON, the signature as text. */
function decodeJwt(token: string): { header: unknown; payload: Record<string, unknown>; signature: string } {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const text = (part: string) => new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));
  return { header: JSON.parse(text(header)), payload: JSON.parse(text(payload)), signature: text(signature) };
}

describe("fake tenant: API keys", () => {
  test("FAKE_API_KEY is shaped like a JWT (base64url parts a decoder reads) and is the tenant's default key", () => {
    expect(FAKE_API_KEY).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeJwt(FAKE_API_KEY)).toEqual({ header: { alg: "HS256", typ: "JWT" }, payload: { iss: "iwerp-fake-tenant", sub: "fake-api-key" }, signature: "fake-signature" });
    expect(createFakeTenant().apiKey).toBe(FAKE_API_KEY);
  });

  test("a request with the API key in x-iw-jwt-token is served like a staff session's, and logged with the key", async () => {
    const tenant = createFakeTenant();

    const added = await call(tenant, "/api/chat/chatroom_participant", { "x-iw-jwt-token": tenant.apiKey }, { method: "POST", body: JSON.stringify({ data: { chatroom: { id: 42 }, first_name: "Grace" } }) });
    const listed = await call(tenant, "/api/chat/chatroom_participant?chatroom=42", { "x-iw-jwt-token": tenant.apiKey });

    expect(added.status).toBe(200);
    expect(((await listed.json()) as Array<{ first_name: string }>).map((p) => p.first_name)).toEqual(["Ada", "Grace"]);
    expect(tenant.requests.map((r) => [r.method, r.apiKey, r.sessionToken, r.status])).toEqual([
      ["POST", FAKE_API_KEY, null, 200],
      ["GET", FAKE_API_KEY, null, 200],
    ]);
  });

  test("apiKeys replaces the default key: its keys are accepted, FAKE_API_KEY is not, tenant.apiKey is the first", async () => {
    const tenant = createFakeTenant({ apiKeys: ["key-a", "key-b"] });

    expect((await call(tenant, "/api/chat/chatroom/42", { "x-iw-jwt-token": "key-b" })).status).toBe(200);
    expect((await call(tenant, "/api/chat/chatroom/42", { "x-iw-jwt-token": FAKE_API_KEY })).status).toBe(401);
    expect(tenant.apiKey).toBe("key-a");
  });

  test.each(ERROR_STYLES)("a revoked key is refused with 401 from then on, and reset() accepts it again ($style)", async (style) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    expect(tenant.revokeApiKey(FAKE_API_KEY)).toBe(true);
    expect(tenant.revokeApiKey(FAKE_API_KEY)).toBe(false);
    expectErrorAnswer(await call(tenant, "/api/chat/chatroom/42", { "x-iw-jwt-token": FAKE_API_KEY }), style, 401, [
      "JWT expired or revoked: create a new API key in the iwERP user settings",
    ]);
    tenant.reset();
    expect((await call(tenant, "/api/chat/chatroom/42", { "x-iw-jwt-token": FAKE_API_KEY })).status).toBe(200);
  });

  test("sent together with a valid session token, an unknown API key still decides: 401", async () => {
    const tenant = createFakeTenant();

    const response = await call(tenant, "/api/chat/chatroom/42", { "x-iw-jwt-token": "revoked-key", "x-session-token": FAKE_SESSION_TOKEN });

    expect([response.status, response.headers.get("x-iw-error-json")]).toEqual([401, '["JWT expired or revoked: create a new API key in the iwERP user settings"]']);
  });

  test("an empty x-iw-jwt-token counts as none: the session token decides", async () => {
    const tenant = createFakeTenant();

    expect((await call(tenant, "/api/chat/chatroom/42", { "x-iw-jwt-token": "", "x-session-token": FAKE_SESSION_TOKEN })).status).toBe(200);
  });

  test("with apiKeys: [] no key is accepted and tenant.apiKey says how to get one", () => {
    const tenant = createFakeTenant({ apiKeys: [] });

    expect(() => tenant.apiKey).toThrow("The fake tenant accepts no API key (`apiKeys: []`): give one in `apiKeys`, or create one with `create_jwt`.");
  });

  test.each([[{ apiKeys: [""] }], [{ apiKeys: "key" }], [{ apiKeys: [42] }]])("bad apiKeys throw a TypeError: %o", (options) => {
    expect(() => createFakeTenant(options as never)).toThrow(new TypeError("createFakeTenant: apiKeys must be a list of non-empty API keys."));
  });
});

describe("fake tenant: create_jwt (a new API key), the handler the route calls", () => {
  const credentials = () => new Credentials({ sessions: [FAKE_SESSION_TOKEN], customerSessions: [], apiKeys: [] });
  const now = () => "2025-05-04T10:00:00Z";

  test("answers a Session whose sessionid is a new JWT-shaped key, accepted from then on like a staff session", () => {
    const accepted = credentials();

    const reply = createApiToken(accepted, new URLSearchParams({ scopes: "chat,base", validSeconds: "3600", allowedMethod: "GET" }), now);

    expect(reply.status).toBe(200);
    const session = (reply as { body: { id: number; sessionid: string; is_api_key: boolean; auth_by_credentials: boolean; start: string } }).body;
    expect(session).toMatchObject({ id: 1, is_api_key: true, auth_by_credentials: false, start: "2025-05-04T10:00:00Z" });
    expect(decodeJwt(session.sessionid).payload).toEqual({ iss: "iwerp-fake-tenant", jti: 1, iat: 1746352800, exp: 1746356400, scopes: "chat,base", allowedMethod: "GET" });
    expect(accepted.refusal({ session: null, apiKey: session.sessionid }, "staff")).toBeUndefined();
    expect(accepted.refusal({ session: null, apiKey: session.sessionid }, "customer")?.status).toBe(403);
  });

  test("the same calls on the same clock make the same keys; a second call makes another", () => {
    const make = () => {
      const accepted = credentials();
      const clock = createSteppingClock();
      const at = () => new Date(clock()).toISOString();
      return [1, 2].map(() => (createApiToken(accepted, new URLSearchParams(), at) as { body: { sessionid: string } }).body.sessionid);
    };

    const [first, second] = make();

    expect(make()).toEqual([first, second]);
    expect(first).not.toBe(second);
  });
});
