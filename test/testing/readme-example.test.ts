// The README's "Testing your app" example, word for word but for the two import paths (the README imports
// "iwerp-chat-client" and "iwerp-chat-client/testing"), so that it cannot rot.
import { beforeEach, describe, expect, test } from "vitest";
import { ConnectionError, createChatClient, type ChatClient } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";

// The app code under test: invites a guest to a chat room, once.
async function inviteGuest(chat: ChatClient, roomId: number, firstName: string) {
  const present = await chat.chatroomParticipants.list({ chatroom: String(roomId), searchString: firstName });
  const guest = present.find((participant) => participant.first_name === firstName);
  return guest ?? chat.chatroomParticipants.add({ chatroom: { id: roomId }, first_name: firstName, can_write: true });
}

describe("inviteGuest", () => {
  // Room 42 with one participant (Ada); new ids count from 43; the clock starts at 2025-05-04T10:00:00Z.
  const tenant = createFakeTenant();
  const chat = createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: tenant.sessionToken, fetch: tenant.fetch });
  beforeEach(() => tenant.reset());

  test("adds the guest to the room once", async () => {
    const guest = await inviteGuest(chat, 42, "Grace");
    await inviteGuest(chat, 42, "Grace");

    expect(guest).toMatchObject({ id: 43, first_name: "Grace", created: "2025-05-04T10:00:00Z" });
    expect(tenant.state.participants.map((p) => p.first_name)).toEqual(["Ada", "Grace"]);
    expect(tenant.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /api/chat/chatroom_participant 200",
      "POST /api/chat/chatroom_participant 200",
      "GET /api/chat/chatroom_participant 200",
    ]);
  });

  test("retries when the tenant is briefly overloaded", async () => {
    tenant.fail("post_chatroom_participant_post", { status: 503, retryAfter: 1 });

    await inviteGuest(chat, 42, "Grace");

    expect(tenant.requests.map((r) => r.status)).toEqual([200, 503, 200]);
  });

  test("surfaces a broken connection, and adds no one", async () => {
    tenant.fail("post_chatroom_participant_post", { reset: true });

    await expect(inviteGuest(chat, 42, "Grace")).rejects.toBeInstanceOf(ConnectionError);
    expect(tenant.state.participants).toHaveLength(1);
  });
});
