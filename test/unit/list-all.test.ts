import { describe, expect, test } from "vitest";
import { AbortError, createChatClient, InvalidInputError } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

/** A list of `total` participants served in pages as the query asks; every request is kept. */
function pagedParticipants(total: number) {
  const scripted = createScriptedFetch((request) => {
    const query = new URL(request.url).searchParams;
    const page = Number(query.get("page") ?? 0);
    const size = Number(query.get("pageSize") ?? 50);
    const items = Array.from({ length: total }, (_, i) => ({ id: i + 1 })).slice(page * size, (page + 1) * size);
    return jsonResponse(200, items);
  });
  const chat = createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: TOKEN, fetch: scripted.fetch });
  const pages = () => scripted.requests.map((r) => new URL(r.url).searchParams.get("page"));
  return { chat, requests: scripted.requests, pages };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("listAll walks the pages of a list", () => {
  test("walks page after page from 0 with the spec's default page size (50) until a short page", async () => {
    const { chat, pages, requests } = pagedParticipants(120);

    const items = await collect(chat.chatroomParticipants.listAll({ chatroom: "42" }));

    expect(items.map((p) => p.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(pages()).toEqual(["0", "1", "2"]);
    expect(requests.every((r) => new URL(r.url).searchParams.get("pageSize") === "50" && new URL(r.url).searchParams.get("chatroom") === "42")).toBe(true);
  });

  test("starts at the query's page with its pageSize", async () => {
    const { chat, pages } = pagedParticipants(25);

    const items = await collect(chat.chatroomMessages.listAll({ page: 1, pageSize: 10 }));

    expect(items.map((m) => m.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(pages()).toEqual(["1", "2"]);
  });

  test("asks once more after a full last page, and stops at the empty one", async () => {
    const { chat, pages } = pagedParticipants(20);

    expect(await collect(chat.chatroomMessageReactions.listAll({ pageSize: 10 }))).toHaveLength(20);
    expect(pages()).toEqual(["0", "1", "2"]);
  });

  test("stops at maxItems without fetching a page it does not need", async () => {
    const { chat, pages } = pagedParticipants(1000);

    const items = await collect(chat.chatroomParticipants.listAll({ pageSize: 10 }, { maxItems: 15 }));

    expect(items).toHaveLength(15);
    expect(pages()).toEqual(["0", "1"]);
  });

  test("fetches each page only when the one before is used up, and never a page twice", async () => {
    const { chat, pages } = pagedParticipants(100);
    const walk = chat.chatroomParticipants.listAll({ pageSize: 10 });

    await walk.next();
    expect(pages()).toEqual(["0"]);
    for (let i = 0; i < 10; i++) await walk.next();
    expect(pages()).toEqual(["0", "1"]);
    await walk.return();
    expect(pages()).toEqual(["0", "1"]);
  });

  test("honours the signal: an abort between pages ends the walk with an AbortError", async () => {
    const { chat, pages } = pagedParticipants(100);
    const controller = new AbortController();
    const seen: unknown[] = [];

    const error = await (async () => {
      for await (const item of chat.chatroomParticipants.listAll({ pageSize: 10 }, { signal: controller.signal })) {
        seen.push(item);
        if (seen.length === 10) controller.abort();
      }
    })().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(10);
    expect(pages()).toEqual(["0"]);
  });

  test.each([
    ["maxItems 0", {}, { maxItems: 0 }, "maxItems"],
    ["a negative page", { page: -1 }, {}, "query.page"],
    ["pageSize 0", { pageSize: 0 }, {}, "query.pageSize"],
  ])("%s is an InvalidInputError before anything is sent", async (_case, query, options, input) => {
    const { chat, requests } = pagedParticipants(5);

    const error = await collect(chat.chatroomParticipants.listAll(query, options)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input, method: "GET" });
    expect(requests).toHaveLength(0);
  });

  test.each([
    ["a chat room id", "42"],
    ["null", null],
  ])("%s in place of the query (from JavaScript) is an InvalidInputError before anything is sent, as list's is", async (_case, query) => {
    const { chat, requests } = pagedParticipants(5);

    const listed = await chat.chatroomParticipants.list(query as never).catch((e: unknown) => e);
    const error = await collect(chat.chatroomParticipants.listAll(query as never)).catch((e: unknown) => e);

    expect(listed).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "query", method: "GET", message: (listed as Error).message });
    expect(requests).toHaveLength(0);
  });
});

describe("options that are no object (from JavaScript)", () => {
  test.each([
    ["null", null],
    ["a string", "42"],
    ["a number", 5],
  ])("%s in place of listAll's options is the InvalidInputError list gives, before anything is sent", async (_case, options) => {
    const { chat, requests } = pagedParticipants(5);

    const listed = await chat.chatroomParticipants.list({ chatroom: "42" }, options as never).catch((e: unknown) => e);
    const error = await collect(chat.chatroomParticipants.listAll({ chatroom: "42" }, options as never)).catch((e: unknown) => e);

    expect(listed).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "options", method: "GET", message: (listed as Error).message });
    expect(requests).toHaveLength(0);
  });
});
