import { describe, expect, test } from "vitest";
import { AbortError, createChatClient, InvalidInputError, InvalidResponseError, type ChatroomParticipantListItem } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { rejectionOf } from "../support/create-test-client.js";
import { TOKEN } from "../support/secrets.js";

type Page = Array<{ id: number }>;

/** A client over a server that answers each list request with `pageFor(page, pageSize)`; every request is kept. */
function serverPaging(pageFor: (page: number, pageSize: number) => Page) {
  const scripted = createScriptedFetch((request) => {
    const query = new URL(request.url).searchParams;
    return jsonResponse(200, pageFor(Number(query.get("page")), Number(query.get("pageSize"))));
  });
  const chat = createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: TOKEN, fetch: scripted.fetch, logger: false });
  const pages = () => scripted.requests.map((r) => Number(new URL(r.url).searchParams.get("page")));
  return { chat, requests: scripted.requests, pages };
}

/** Ids `from` … `to`, as list items. */
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i }));

/** The items a walk yields before it ends, and how it ends. */
async function walkOf<T>(walk: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of walk) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

describe("page and pageSize outside the spec's limits are refused before anything is sent", () => {
  test.each([
    ["pageSize 0", { pageSize: 0 }, "query.pageSize", "a whole number from 1 to 200 (got 0)"],
    ["pageSize -5", { pageSize: -5 }, "query.pageSize", "a whole number from 1 to 200 (got -5)"],
    ["pageSize 1.5", { pageSize: 1.5 }, "query.pageSize", "a whole number from 1 to 200 (got 1.5)"],
    ["pageSize 201", { pageSize: 201 }, "query.pageSize", "a whole number from 1 to 200 (got 201)"],
    ["pageSize 1e9", { pageSize: 1e9 }, "query.pageSize", "a whole number from 1 to 200 (got 1000000000)"],
    ["page -1", { page: -1 }, "query.page", "a whole number from 0 to 9007199254740991 (got -1)"],
    ["page 0.5", { page: 0.5 }, "query.page", "a whole number from 0 to 9007199254740991 (got 0.5)"],
    ["page 2**53", { page: 2 ** 53 }, "query.page", "a whole number from 0 to 9007199254740991 (got 9007199254740992)"],
    ["a page given as a string", { page: "1" as unknown as number }, "query.page", "a whole number from 0 to 9007199254740991 (got a string)"],
  ])("%s: list and listAll are an InvalidInputError naming the parameter", async (_case, query, input, problem) => {
    const { chat, requests } = serverPaging(() => ids(1, 3));

    const errors = [
      await rejectionOf(chat.chatroomParticipants.list(query)),
      (await walkOf(chat.chatroomMessages.listAll(query))).error,
      await rejectionOf(chat.chatroomMessageReactions.list(query)),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ input, method: "GET" });
      expect((error as InvalidInputError).problem).toBe(`must be ${problem}.`);
    }
    expect(requests).toHaveLength(0);
  });

  test("the limits themselves are sent: pageSize 1 and 200, page Number.MAX_SAFE_INTEGER", async () => {
    const { chat, requests } = serverPaging(() => []);

    await chat.chatroomParticipants.list({ pageSize: 1 });
    await chat.chatroomParticipants.list({ pageSize: 200, page: Number.MAX_SAFE_INTEGER });

    expect(requests.map((r) => new URL(r.url).search)).toEqual(["?pageSize=1", "?pageSize=200&page=9007199254740991"]);
  });

  test("chat.request sends paging values as given, as every other field: the server checks them", async () => {
    const { chat, requests } = serverPaging(() => []);

    await chat.request("get_chatroom_participant_cget", { query: { pageSize: 0, page: -1 } });

    expect(requests.map((r) => new URL(r.url).search)).toEqual(["?pageSize=0&page=-1"]);
  });
});

describe("listAll does not trust the server's paging", () => {
  test("a server that ignores `page` ends the walk at its second page with an InvalidResponseError naming that page", async () => {
    // Bounded, so a walk that trusted it would end (after 5 pages) instead of running forever.
    const { chat, pages } = serverPaging((page, size) => (page < 5 ? ids(1, size) : []));

    const { items, error } = await walkOf(chat.chatroomParticipants.listAll({ pageSize: 10 }));

    expect(items.map((p) => p.id)).toEqual(ids(1, 10).map((p) => p.id));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toMatch(
      /^GET https:\/\/acme\.iw-erp\.de\/api\/chat\/chatroom_participant\?pageSize=10&page=1 returned 200 with only items listAll yielded before .*\. The server does not follow the spec; tell the tenant's administrator\.$/,
    );
    expect(pages()).toEqual([0, 1]);
  });

  test("a page longer than pageSize ends the walk before any of its items is yielded", async () => {
    const { chat, pages } = serverPaging((page, size) => (page < 5 ? ids(page * size + 1, page * size + size + 1) : []));

    const { items, error } = await walkOf(chat.chatroomMessages.listAll({ pageSize: 5 }));

    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/page=0 returned 200 with 6 items for pageSize 5 /);
    expect(pages()).toEqual([0]);
  });

  test("a page that repeats items of the page before (the list shifted) yields each item once and goes on", async () => {
    // Page 1 starts with the last item of page 0, as when a record is added at the front between the two requests.
    const { chat, pages } = serverPaging((page) => [ids(1, 3), ids(3, 5), ids(6, 6)][page] ?? []);

    const { items, error } = await walkOf(chat.chatroomMessageReactions.listAll({ pageSize: 3 }));

    expect(error).toBeUndefined();
    expect(items.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages()).toEqual([0, 1, 2]);
  });

  test("a server that clamps pageSize to less than asked ends the walk at its first, short page", async () => {
    // Asking beyond the spec's 200 is refused (above); within it, a short page is the last by the spec.
    const { chat, pages } = serverPaging((page, size) => ids(page * size + 1, page * size + Math.min(size, 100)));

    const { items } = await walkOf(chat.chatroomParticipants.listAll({ pageSize: 200 }));

    expect(items).toHaveLength(100);
    expect(pages()).toEqual([0]);
  });
});

describe("an abort stops listAll at once", () => {
  test("aborting at the first item yields nothing more and ends with an AbortError", async () => {
    const { chat, pages } = serverPaging((page, size) => ids(page * size + 1, page * size + size));
    const controller = new AbortController();
    const seen: ChatroomParticipantListItem[] = [];

    const error = await (async () => {
      for await (const participant of chat.chatroomParticipants.listAll({ pageSize: 200 }, { signal: controller.signal })) {
        seen.push(participant);
        controller.abort();
      }
    })().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(1);
    expect(pages()).toEqual([0]);
  });
});
