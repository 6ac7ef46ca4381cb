import { afterEach, describe, expect, test, vi } from "vitest";
import { createFakeTenant, type SeedMessage, type SeedReaction } from "../../src/testing/index.js";
import { Records } from "../../src/testing/records.js";
import { createFakeClient } from "../support/create-fake-client.js";

/** `count` messages in room 1, each with one reaction (ids 1…count each). */
function messagesWithReactions(count: number): { messages: SeedMessage[]; reactions: SeedReaction[] } {
  return {
    messages: Array.from({ length: count }, (_, i) => ({ id: i + 1, chatroom: { id: 1 }, message_text: `message ${i + 1}` })),
    reactions: Array.from({ length: count }, (_, i) => ({ id: i + 1, message: { id: i + 1 }, emoji: i % 2 === 0 ? "👍" : "🎉" })),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("fake tenant: seeds with child records stay linear", () => {
  test("seeding 2,000 messages with a reaction each reads no collection per record: a message's reactions come from an index", () => {
    const count = 2_000;
    const all = vi.spyOn(Records.prototype, "all");

    const tenant = createFakeTenant({ seed: { chatrooms: [{ id: 1 }], ...messagesWithReactions(count) } });
    // Every record rendered by the seed's check, read from whole collections: before the index, each message
    // scanned every reaction (count × count records read).
    const readWhileSeeding = all.mock.results.reduce((sum, result) => sum + (result.value as unknown[]).length, 0);

    expect(readWhileSeeding).toBeLessThanOrEqual(2 * count);
    expect(tenant.state.messages[count - 1]?.reactions?.map((r) => r.id)).toEqual([count]);
  });

  test("a list page renders the records of its page, not every record of the collection", async () => {
    const count = 2_000;
    const { chat } = createFakeClient({ seed: { chatrooms: [{ id: 1 }], ...messagesWithReactions(count) } });
    const render = vi.spyOn(Records.prototype, "render");

    const page = await chat.chatroomMessages.list({ chatroom: "1", page: 3, pageSize: 10 });

    expect(page.map((m) => m.id)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    // The page's 10 messages and their 10 reactions.
    expect(render.mock.calls.length).toBeLessThanOrEqual(20);
  });

  test("a seed of 50,000 messages with 50,000 reactions is stored, and pages and reads show each message's own reactions", async () => {
    const count = 50_000;
    const { chat, tenant } = createFakeClient({ seed: { chatrooms: [{ id: 1 }], ...messagesWithReactions(count) } });

    const lastPage = await chat.chatroomMessages.list({ chatroom: "1", page: count / 200 - 1, pageSize: 200 });
    const middle = await chat.chatroomMessages.get(25_001);
    const reactions = await chat.chatroomMessageReactions.list({ message: "49999" });
    await chat.chatroomMessageReactions.delete(50_000);

    expect(lastPage.map((m) => m.id)).toEqual(Array.from({ length: 200 }, (_, i) => count - 199 + i));
    expect(lastPage.at(-1)?.reactions?.map((r) => r.id)).toEqual([count]);
    expect(middle.reactions?.map((r) => [r.id, r.emoji])).toEqual([[25_001, "👍"]]);
    expect(reactions.map((r) => r.id)).toEqual([49_999]);
    expect((await chat.chatroomMessages.get(count)).reactions).toEqual([]);
    expect(tenant.state.reactions).toHaveLength(count);
  }, 120_000);

  test("a participant moved to another room leaves the first room's participants and joins the other's; a deleted one leaves both", async () => {
    const { chat } = createFakeClient({ seed: { chatrooms: [{ id: 1 }, { id: 2 }], participants: [{ id: 5, chatroom: { id: 1 } }, { id: 6, chatroom: { id: 1 } }] } });

    await chat.chatroomParticipants.update(5, { chatroom: { id: 2 } });
    const [first, second] = [await chat.chatrooms.get(1), await chat.chatrooms.get(2)];
    await chat.chatroomParticipants.delete(6);

    expect([first.participants?.map((p) => p.id), second.participants?.map((p) => p.id)]).toEqual([[6], [5]]);
    expect((await chat.chatrooms.get(1)).participants).toEqual([]);
  });
});
