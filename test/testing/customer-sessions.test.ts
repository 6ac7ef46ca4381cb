import { describe, expect, test } from "vitest";
import { AuthenticationError, createChatClient, PermissionDeniedError } from "../../src/index.js";
import { createFakeTenant, FAKE_CUSTOMER_SESSION_TOKEN, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { BASE_URL, checkedFetch, createFakeClient, rejectionOf } from "../support/create-fake-client.js";

/** A client of `tenant` with `sessionToken`. */
const clientOf = (tenant: ReturnType<typeof createFakeTenant>, sessionToken: string) =>
  createChatClient({ baseUrl: BASE_URL, sessionToken, fetch: checkedFetch(tenant), retry: false, logger: false });

describe("fake tenant: the customer portal takes a customer's session", () => {
  test("the default customer session token is FAKE_CUSTOMER_SESSION_TOKEN, and it calls the customer portal", async () => {
    const { tenant, portal } = createFakeClient();

    expect(tenant.customerSessionToken).toBe(FAKE_CUSTOMER_SESSION_TOKEN);
    expect(await portal.customerPortal.chatroomMessages.get(42)).toMatchObject({ id: 42, message_text: "Welcome to the support room!" });
  });

  test("a staff session on the customer portal is a PermissionDeniedError (403), and the reaction is not added", async () => {
    const { tenant, chat } = createFakeClient();

    const error = await rejectionOf(chat.customerPortal.chatroomMessageReactions.add(42, { emoji: "🎉" }));

    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: "403" });
    expect(tenant.state.reactions).toHaveLength(1);
  });

  test("a customer's session on a staff operation is a PermissionDeniedError (403), and nothing changes", async () => {
    const { tenant, portal } = createFakeClient();

    const error = await rejectionOf(portal.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Mallory" }));

    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(tenant.state.participants).toHaveLength(1);
  });

  test("customerSessions replaces the default: its tokens call the portal, FAKE_CUSTOMER_SESSION_TOKEN is unknown (401)", async () => {
    const tenant = createFakeTenant({ customerSessions: ["customer-a", "customer-b"] });

    expect((await clientOf(tenant, "customer-b").customerPortal.chatroomMessages.get(42)).id).toBe(42);
    await expect(clientOf(tenant, FAKE_CUSTOMER_SESSION_TOKEN).customerPortal.chatroomMessages.get(42)).rejects.toBeInstanceOf(AuthenticationError);
    expect(tenant.customerSessionToken).toBe("customer-a");
  });

  test("a token in both sessions and customerSessions may call both", async () => {
    const tenant = createFakeTenant({ sessions: ["token-of-both"], customerSessions: ["token-of-both"] });
    const chat = clientOf(tenant, "token-of-both");

    expect((await chat.chatrooms.get(42)).id).toBe(42);
    expect((await chat.customerPortal.chatroomMessages.get(42)).id).toBe(42);
  });

  test("endSession ends a customer's session too: 401 from then on, and reset() brings it back", async () => {
    const tenant = createFakeTenant();
    const portal = clientOf(tenant, FAKE_CUSTOMER_SESSION_TOKEN);

    expect(tenant.endSession(FAKE_CUSTOMER_SESSION_TOKEN)).toBe(true);
    await expect(portal.customerPortal.chatroomMessages.get(42)).rejects.toBeInstanceOf(AuthenticationError);
    expect(() => tenant.customerSessionToken).toThrow("The fake tenant accepts no customer session token (`customerSessions: []`): give one in `customerSessions`.");
    tenant.reset();
    expect((await portal.customerPortal.chatroomMessages.get(42)).id).toBe(42);
  });

  test("a login opens a staff session, which the customer portal refuses", async () => {
    const tenant = createFakeTenant({ sessions: [] });
    const response = await tenant.fetch(`${BASE_URL}/api/logins`, { method: "POST", body: JSON.stringify({ login: { username: "ada@example.org", password: "fake-password" } }) });
    const { sessionid } = (await response.json()) as { sessionid: string };

    await expect(clientOf(tenant, sessionid).customerPortal.chatroomMessages.get(42)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await clientOf(tenant, sessionid).chatrooms.get(42)).id).toBe(42);
    expect(sessionid).not.toBe(FAKE_SESSION_TOKEN);
  });

  test.each([[{ customerSessions: [""] }], [{ customerSessions: "token" }]])("bad customerSessions throw a TypeError: %o", (options) => {
    expect(() => createFakeTenant(options as never)).toThrow(new TypeError("createFakeTenant: customerSessions must be a list of non-empty session tokens."));
  });
});
