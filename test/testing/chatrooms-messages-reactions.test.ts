import { describe, expect, test } from "vitest";
import { NotFoundError } from "../../src/index.js";
import { createFakeClient, rejectionOf } from "../support/create-fake-client.js";

describe("fake tenant: chat rooms", () => {
  test("get returns the seeded room with its participants; update stores what get then returns", async () => {
    const { chat } = createFakeClient();

    const updated = await chat.chatrooms.update(42, { name: "Help desk", image_url: "https://example.org/room.png" });
    const room = await chat.chatrooms.get(42);

    expect(room).toEqual(updated);
    expect(room).toMatchObject({ id: 42, name: "Help desk", image_url: "https://example.org/room.png", token: "chatroom-42", updated: "2025-05-04T10:00:00Z" });
    expect(room.participants?.map((p) => p.first_name)).toEqual(["Ada"]);
  });

  test("participants sent with a room update are ignored: they are managed through chatroomParticipants", async () => {
    const { chat } = createFakeClient();

    const room = await chat.chatrooms.update(42, { participants: [{ id: 99, first_name: "Mallory" }] });

    expect(room.participants?.map((p) => p.id)).toEqual([42]);
  });

  test("an unknown room is a NotFoundError", async () => {
    const { chat } = createFakeClient();

    const error = await rejectionOf(chat.chatrooms.get(7));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ messages: ["Chatroom 7 not found"] });
  });
});

describe("fake tenant: messages", () => {
  test("get shows the staff form with room, author and reactions; the list shows list items", async () => {
    const { chat } = createFakeClient();

    const message = await chat.chatroomMessages.get(42);
    const [item] = await chat.chatroomMessages.list({ chatroom: "42" });

    expect(message).toMatchObject({ id: 42, chatroom: { id: 42, name: "Support" }, participant: { id: 42, name: "Ada Lovelace" }, message_text: "Welcome to the support room!" });
    expect(message.reactions).toEqual([expect.objectContaining({ id: 42, emoji: "👍", participant: expect.objectContaining({ id: 42 }) })]);
    expect(item).not.toHaveProperty("chatroom");
    expect(item).not.toHaveProperty("completed");
    expect(item?.reactions?.[0]).toEqual({ id: 42, created: "2025-05-04T09:42:00Z", updated: "2025-05-04T09:42:00Z", deleted: false });
  });

  test("messages inserted by the test show up, and delete marks one deleted", async () => {
    const { chat, tenant } = createFakeClient();
    const { messages } = tenant.insert({ messages: [{ chatroom: { id: 42 }, participant: { id: 42 }, message_text: "Anyone there?" }] });

    expect(messages.map((m) => [m.id, m.created])).toEqual([[43, "2025-05-04T10:00:00Z"]]);
    expect((await chat.chatroomMessages.list()).map((m) => m.message_text)).toEqual(["Welcome to the support room!", "Anyone there?"]);
    expect(await chat.chatroomMessages.delete(43)).toMatchObject({ id: 43, deleted: true });
    expect((await chat.chatroomMessages.list()).map((m) => m.id)).toEqual([42]);
    expect(await chat.chatroomMessages.get(43)).toMatchObject({ id: 43, deleted: true });
  });

  test("the customer portal sees the slim form and updates text and completion", async () => {
    const { chat, portal } = createFakeClient();

    const updated = await portal.customerPortal.chatroomMessages.update(42, { completed: true, message_text: "Solved", reactions: [{ id: 1, emoji: "x" }] });

    expect(updated).toEqual({ id: 42, message_text: "Solved", attachments: [], reactions: [{ id: 42, emoji: "👍" }], completed: true });
    expect(await portal.customerPortal.chatroomMessages.get(42)).toEqual(updated);
    expect(await chat.chatroomMessages.get(42)).toMatchObject({ message_text: "Solved", completed: true, updated: "2025-05-04T10:00:00Z" });
  });
});

describe("fake tenant: reactions", () => {
  test("a reaction added in the customer portal lands on the message and in the reaction list", async () => {
    const { chat, portal } = createFakeClient();

    const added = await portal.customerPortal.chatroomMessageReactions.add(42, { emoji: "🎉" });

    expect(added).toEqual({ id: 43, emoji: "🎉" });
    expect((await portal.customerPortal.chatroomMessages.get(42)).reactions).toEqual([{ id: 42, emoji: "👍" }, { id: 43, emoji: "🎉" }]);
    expect((await chat.chatroomMessages.get(42)).reactions?.map((r) => r.emoji)).toEqual(["👍", "🎉"]);
    expect((await chat.chatroomMessageReactions.list({ message: "42" })).map((r) => r.emoji)).toEqual(["👍", "🎉"]);
    expect(await chat.chatroomMessageReactions.get(43)).toMatchObject({ id: 43, emoji: "🎉", chatroom: { id: 42 }, message: { id: 42 }, created: "2025-05-04T10:00:00Z" });
  });

  test("a reaction to a message that does not exist is a NotFoundError", async () => {
    const { chat, portal } = createFakeClient();

    const error = await rejectionOf(portal.customerPortal.chatroomMessageReactions.add(404, { emoji: "🎉" }));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ messages: ["ChatroomMessage 404 not found"] });
  });

  test("a deleted reaction leaves the message and the list", async () => {
    const { chat } = createFakeClient();

    expect(await chat.chatroomMessageReactions.delete(42)).toMatchObject({ id: 42, deleted: true });

    expect((await chat.chatroomMessages.get(42)).reactions).toEqual([]);
    expect(await chat.chatroomMessageReactions.list()).toEqual([]);
    expect((await chat.chatroomMessageReactions.list({ deleted: true })).map((r) => r.id)).toEqual([42]);
  });
});
