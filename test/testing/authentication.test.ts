import { describe, expect, test } from "vitest";
import { AuthenticationError, createChatClient, login } from "../../src/index.js";
import { createFakeTenant, FAKE_USER } from "../../src/testing/index.js";
import { BASE_URL, checkedFetch, ERROR_STYLES, expectErrorAnswer, rejectionOf } from "../support/create-fake-client.js";

describe("fake tenant: sessions", () => {
  test("an unknown session token is an AuthenticationError (401) with X-IW-ERROR-CODE and X-IW-ERROR-JSON", async () => {
    const tenant = createFakeTenant();
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: "not-a-session", fetch: checkedFetch(tenant), logger: false });

    const error = await rejectionOf(chat.chatrooms.get(42));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "401", messages: ["Invalid or expired session: log in again"] });
  });

  test.each(ERROR_STYLES)("a request without credentials is answered 401 with the iwERP error headers ($style)", async (style) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/42`);

    expectErrorAnswer(response, style, 401, ["Missing credentials: send a session id as x-session-token, or an API key as x-iw-jwt-token"]);
  });

  test("login with a user the fake knows returns a session whose token the fake accepts", async () => {
    const tenant = createFakeTenant({ sessions: [] });

    const { session, client } = await login({ baseUrl: BASE_URL, ...FAKE_USER, fetch: checkedFetch(tenant), logger: false });

    expect(session).toMatchObject({ id: 1, sessionid: "fake-session-1", valid: true, start: "2025-05-04T10:00:00Z", auth_by_credentials: true });
    expect((await client.chatrooms.get(42)).name).toBe("Support");
    expect(tenant.sessionToken).toBe("fake-session-1");
  });

  test("wrong credentials are an AuthenticationError; the password is in no log entry", async () => {
    const tenant = createFakeTenant();

    const error = await rejectionOf(login({ baseUrl: BASE_URL, username: FAKE_USER.username, password: "wrong-password", fetch: checkedFetch(tenant), logger: false }));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "401", messages: ["Invalid username or password"] });
    expect(tenant.requests[0]?.body).toEqual({ login: { username: FAKE_USER.username, password: "[redacted]" } });
    expect(JSON.stringify(tenant.requests)).not.toContain("wrong-password");
  });

  test("a user with a token must send it", async () => {
    const user = { username: "bob@example.org", password: "pw", token: "123456" };
    const tenant = createFakeTenant({ users: [user] });

    await expect(login({ baseUrl: BASE_URL, username: user.username, password: user.password, fetch: checkedFetch(tenant), logger: false })).rejects.toBeInstanceOf(AuthenticationError);
    await expect(login({ baseUrl: BASE_URL, ...user, fetch: checkedFetch(tenant), logger: false })).resolves.toMatchObject({ session: { sessionid: "fake-session-1" } });
  });

  test('users: "anyone" lets every login in, whatever the credentials', async () => {
    const tenant = createFakeTenant({ users: "anyone", sessions: [] });

    const { session } = await login({ baseUrl: BASE_URL, username: "who@ever", password: "anything", fetch: checkedFetch(tenant), logger: false });

    expect(session.sessionid).toBe("fake-session-1");
  });

  test("an ended session is refused from then on, so the app's log-in-again path can be tested", async () => {
    const tenant = createFakeTenant();
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch: checkedFetch(tenant), logger: false });
    await chat.chatrooms.get(42);

    expect(tenant.endSession(tenant.sessionToken)).toBe(true);

    await expect(chat.chatrooms.get(42)).rejects.toBeInstanceOf(AuthenticationError);
    expect(() => tenant.sessionToken).toThrow(/accepts no session token/);
  });

  test("the tokens in options.sessions are accepted from the start", async () => {
    const tenant = createFakeTenant({ sessions: ["session-token-a", "session-token-b"] });
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: "session-token-b", fetch: checkedFetch(tenant), logger: false });

    expect((await chat.chatrooms.get(42)).id).toBe(42);
    expect(tenant.sessionToken).toBe("session-token-a");
  });
});
