import { describe, expect, test } from "vitest";
import { RequestValidationError } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import type { FakeSeed } from "../../src/testing/index.js";
import { createFakeClient, rejectionOf } from "../support/create-fake-client.js";

const NAMES = ["Ada", "Grace", "Hedy", "Katherine", "Margaret", "Radia", "Barbara", "Frances"];

/** Two rooms; eight participants, alternating between them, linked to persons and companies the schema does not show. */
const SEED: FakeSeed = {
  chatrooms: [{ id: 1, name: "Sales" }, { id: 2, name: "Support" }],
  participants: NAMES.map((first_name, i) => ({
    id: i + 1,
    chatroom: { id: (i % 2) + 1 },
    first_name,
    last_name: i < 4 ? "Smith" : "Jones",
    person: 100 + i,
    company: i < 4 ? "acme" : "globex",
    eventSignUp: { id: 7 },
  })),
  messages: [
    { id: 1, chatroom: { id: 1 }, participant: { id: 1 }, message_text: "Hello", created: "2025-01-01T10:00:00Z" },
    { id: 2, chatroom: { id: 2 }, participant: { id: 2 }, message_text: "Help!", created: "2025-01-02T10:00:00Z" },
  ],
  reactions: [
    { id: 1, emoji: "👍", message: { id: 1 }, participant: { id: 3 }, created: "2025-01-01T11:00:00Z" },
    { id: 2, emoji: "❤️", message: { id: 2 }, participant: { id: 4 }, created: "2025-01-02T11:00:00Z" },
  ],
};

describe("fake tenant: lists", () => {
  test("pages are 0-based with pageSize items; a page past the end is empty; the default page size is 50", async () => {
    const { chat } = createFakeClient({ seed: SEED });

    expect((await chat.chatroomParticipants.list({ page: 0, pageSize: 3 })).map((p) => p.id)).toEqual([1, 2, 3]);
    expect((await chat.chatroomParticipants.list({ page: 2, pageSize: 3 })).map((p) => p.id)).toEqual([7, 8]);
    expect(await chat.chatroomParticipants.list({ page: 3, pageSize: 3 })).toEqual([]);
    expect(await chat.chatroomParticipants.list()).toHaveLength(8);
  });

  test("listAll walks every page of the fake", async () => {
    const { chat, tenant } = createFakeClient({ seed: SEED });

    const names: string[] = [];
    for await (const participant of chat.chatroomParticipants.listAll({ pageSize: 3 })) names.push(participant.first_name ?? "");

    expect(names).toEqual(NAMES);
    expect(tenant.requests.map((r) => r.query.page)).toEqual(["0", "1", "2"]);
  });

  test.each([
    ["chatroom", { chatroom: "2" }, [2, 4, 6, 8]],
    ["person", { person: "103" }, [4]],
    ["company", { company: "globex" }, [5, 6, 7, 8]],
    ["eventSignUp", { eventSignUp: "7" }, [1, 2, 3, 4, 5, 6, 7, 8]],
    ["several filters at once", { chatroom: "1", company: "acme" }, [1, 3]],
    ["a filter nothing matches", { chatroom: "3" }, []],
  ])("participants filter by %s", async (_name, query, ids) => {
    const { chat } = createFakeClient({ seed: SEED });

    expect((await chat.chatroomParticipants.list(query)).map((p) => p.id)).toEqual(ids);
  });

  test("searchString finds a text in any text field of the item, ignoring case", async () => {
    const { chat } = createFakeClient({ seed: SEED });

    expect((await chat.chatroomParticipants.list({ searchString: "JONES" })).map((p) => p.id)).toEqual([5, 6, 7, 8]);
    expect((await chat.chatroomParticipants.list({ searchString: "ar" })).map((p) => p.first_name)).toEqual(["Margaret", "Barbara"]);
  });

  test("orderFieldName and orderFieldSort order the whole list before paging; ties by id", async () => {
    const { chat } = createFakeClient({ seed: SEED });

    expect((await chat.chatroomParticipants.list({ orderFieldName: "first_name", pageSize: 3 })).map((p) => p.first_name)).toEqual(["Ada", "Barbara", "Frances"]);
    expect((await chat.chatroomParticipants.list({ orderFieldName: "first_name", orderFieldSort: "DESC", pageSize: 2 })).map((p) => p.first_name)).toEqual(["Radia", "Margaret"]);
    expect((await chat.chatroomParticipants.list({ orderFieldName: "last_name", orderFieldSort: "DESC" })).map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await chat.chatroomParticipants.list({ orderFieldSort: "DESC", pageSize: 2 })).map((p) => p.id)).toEqual([8, 7]);
  });

  test("a repeated query parameter counts with its last value, the one tenant.requests shows", async () => {
    const { tenant } = createFakeClient({ seed: SEED });

    const response = await tenant.fetch("https://acme.iw-erp.de/api/chat/chatroom_participant?chatroom=1&chatroom=2&pageSize=1&pageSize=3", {
      headers: { "x-session-token": tenant.sessionToken },
    });

    expect(((await response.json()) as Array<{ id: number }>).map((p) => p.id)).toEqual([2, 4, 6]);
    expect(tenant.requests[0]?.query).toEqual({ chatroom: "2", pageSize: "3" });
  });

  test("messages filter by chatroom and participant", async () => {
    const { chat } = createFakeClient({ seed: SEED });

    expect((await chat.chatroomMessages.list({ chatroom: "2" })).map((m) => m.message_text)).toEqual(["Help!"]);
    expect((await chat.chatroomMessages.list({ participant: "1" })).map((m) => m.message_text)).toEqual(["Hello"]);
    expect((await chat.chatroomMessages.list({ searchString: "help" })).map((m) => m.id)).toEqual([2]);
  });

  test("reactions filter by chatroom (their message's), participant, message and created (a date matches the day)", async () => {
    const { chat } = createFakeClient({ seed: SEED });

    expect((await chat.chatroomMessageReactions.list({ chatroom: "2" })).map((r) => r.id)).toEqual([2]);
    expect((await chat.chatroomMessageReactions.list({ participant: "3" })).map((r) => r.id)).toEqual([1]);
    expect((await chat.chatroomMessageReactions.list({ message: "2" })).map((r) => r.id)).toEqual([2]);
    expect((await chat.chatroomMessageReactions.list({ created: "2025-01-01" })).map((r) => r.id)).toEqual([1]);
    expect((await chat.chatroomMessageReactions.list({ created: "2025-01-02T11:00:00Z" })).map((r) => r.id)).toEqual([2]);
  });

  test.each([
    ["pageSize above 200", "pageSize=201", 'query.pageSize: must be <= 200 (got "201")'],
    ["pageSize 0", "pageSize=0", 'query.pageSize: must be >= 1 (got "0")'],
    ["a page that is not a number", "page=first", 'query.page: must be integer (got "first")'],
    ["deleted that is not a boolean", "deleted=yes", 'query.deleted: must be boolean (true or false) (got "yes")'],
    ["an unknown sort order", "orderFieldSort=UP", 'query.orderFieldSort: must be one of DESC, ASC (got "UP")'],
  ])("%s is a RequestValidationError (422) naming the parameter", async (_name, query, message) => {
    const { chat } = createFakeClient({ seed: SEED });

    // Sent through the raw client, since the typed methods do not let these values through.
    const { response } = await createRawClient(chat).GET("/api/chat/chatroom_participant", { params: { query: Object.fromEntries(new URLSearchParams(query)) as never } });
    const viaClient = await rejectionOf(chat.request("get_chatroom_participant_cget", { query: Object.fromEntries(new URLSearchParams(query)) as never }));

    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get("x-iw-error-json") ?? "[]")).toEqual([message]);
    expect(viaClient).toBeInstanceOf(RequestValidationError);
  });
});
