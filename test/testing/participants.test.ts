import { describe, expect, test } from "vitest";
import { NotFoundError } from "../../src/index.js";
import { createFakeClient, rejectionOf } from "../support/create-fake-client.js";

describe("fake tenant: chat room participants", () => {
  test("add → list → update → get (through the room) → delete agree with each other", async () => {
    const { chat } = createFakeClient();

    const added = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace", last_name: "Hopper", ai_prompt: "Be brief" });
    expect(added).toEqual({
      id: 43,
      chatroom: { id: 42, name: "Support", created: "2025-05-04T09:42:00Z", updated: "2025-05-04T09:42:00Z", deleted: false },
      first_name: "Grace",
      last_name: "Hopper",
      ai_prompt: "Be brief",
      created: "2025-05-04T10:00:00Z",
      updated: "2025-05-04T10:00:00Z",
      deleted: false,
    });

    const listed = await chat.chatroomParticipants.list({ chatroom: "42" });
    expect(listed.map((p) => p.id)).toEqual([42, 43]);
    // A list item has no room and no ai_* / auto_* fields, as the spec's list item says.
    expect(listed[1]).toEqual({ id: 43, first_name: "Grace", last_name: "Hopper", created: "2025-05-04T10:00:00Z", updated: "2025-05-04T10:00:00Z", deleted: false });

    const updated = await chat.chatroomParticipants.update(43, { is_muted: true, nickname: "Amazing Grace" });
    expect(updated).toMatchObject({ id: 43, first_name: "Grace", is_muted: true, nickname: "Amazing Grace", created: "2025-05-04T10:00:00Z", updated: "2025-05-04T10:00:01Z" });

    const room = await chat.chatrooms.get(42);
    expect(room.participants?.find((p) => p.id === 43)).toMatchObject({ is_muted: true, nickname: "Amazing Grace", ai_prompt: "Be brief" });

    const deleted = await chat.chatroomParticipants.delete(43);
    expect(deleted).toMatchObject({ id: 43, first_name: "Grace", deleted: true, updated: "2025-05-04T10:00:02Z" });
    expect((await chat.chatroomParticipants.list()).map((p) => p.id)).toEqual([42]);
    expect((await chat.chatrooms.get(42)).participants?.map((p) => p.id)).toEqual([42]);
  });

  test("a deleted participant is kept, marked deleted: listed only with deleted=true, deleted again unchanged", async () => {
    const { chat, tenant } = createFakeClient();
    await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" });
    const first = await chat.chatroomParticipants.delete(43);

    expect((await chat.chatroomParticipants.list({ deleted: true })).map((p) => [p.id, p.deleted])).toEqual([[43, true]]);
    expect((await chat.chatroomParticipants.list({ deleted: false })).map((p) => p.id)).toEqual([42]);
    expect(await chat.chatroomParticipants.delete(43)).toEqual(first);
    expect(tenant.state.participants.find((p) => p.id === 43)?.deleted).toBe(true);
  });

  test("an update merges the fields sent over the stored ones and keeps id and created", async () => {
    const { chat } = createFakeClient();

    const updated = await chat.chatroomParticipants.update(42, { id: 999, created: "2000-01-01T00:00:00Z", last_name: "King" });

    expect(updated).toMatchObject({ id: 42, first_name: "Ada", last_name: "King", created: "2025-05-04T09:42:00Z", room_admin: true });
  });

  test("a participant can move to another room that exists", async () => {
    const { chat } = createFakeClient({ seed: { chatrooms: [{ id: 1, name: "A" }, { id: 2, name: "B" }], participants: [{ id: 5, chatroom: { id: 1 } }] } });

    const moved = await chat.chatroomParticipants.update(5, { chatroom: { id: 2 } });

    expect(moved.chatroom).toMatchObject({ id: 2, name: "B" });
    expect((await chat.chatroomParticipants.list({ chatroom: "2" })).map((p) => p.id)).toEqual([5]);
  });

  test.each([
    ["update", (chat: ReturnType<typeof createFakeClient>["chat"]) => chat.chatroomParticipants.update(404, { first_name: "Nobody" })],
    ["delete", (chat: ReturnType<typeof createFakeClient>["chat"]) => chat.chatroomParticipants.delete(404)],
  ])("%s of an id that does not exist is a NotFoundError with the iwERP error headers", async (_name, call) => {
    const { chat } = createFakeClient();

    const error = await rejectionOf(call(chat));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "404", messages: ["ChatroomParticipant 404 not found"] });
  });
});
