import { afterEach, describe, expect, test, vi } from "vitest";
import { AbortError, createChatClient, InvalidInputError, InvalidResponseError } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";

const BASE_URL = "https://acme.iw-erp.de";
const LIST = "get_chatroom_message_cget";

/**
 * A fake tenant behind a fetch that counts the requests in flight and runs a hook after the n-th list response
 * was served (before the watch sees it), so messages arrive between two polls at a point the test chooses.
 */
function watchedTenant(retry: { maxAttempts?: number } = { maxAttempts: 1 }) {
  const tenant = createFakeTenant();
  const hooks = new Map<number, () => void>();
  const starts = new Map<number, () => void>();
  let started = 0;
  let served = 0;
  let inFlight = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight++;
    starts.get(++started)?.();
    try {
      return await tenant.fetch(input, init);
    } finally {
      inFlight--;
      if (new URL(input instanceof Request ? input.url : String(input)).pathname === "/api/chat/chatroom_message") hooks.get(++served)?.();
    }
  };
  const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch, retry });
  return {
    tenant,
    chat,
    /** Runs `hook` once the `n`-th list request has been answered (before the watch reads the answer). */
    afterList: (n: number, hook: () => void) => hooks.set(n, hook),
    /** Resolves when the `n`-th request starts; `hook` runs before the fake sees it (to queue a fault for it). */
    requestStarts: (n: number, hook: () => void = () => {}) =>
      new Promise<void>((resolve) =>
        starts.set(n, () => {
          hook();
          resolve();
        }),
      ),
    inFlight: () => inFlight,
    /** The list requests' pages, poll after poll. */
    listPages: () => tenant.requests.filter((r) => r.operationId === LIST).map((r) => r.query.page),
  };
}

/** `count` new messages in room 42, numbered from `from`. */
function messages(count: number, from = 1) {
  return Array.from({ length: count }, (_, i) => ({ chatroom: { id: 42 }, participant: { id: 42 }, message_text: `m${from + i}` }));
}

async function take<T>(items: AsyncIterator<T>, count: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < count) {
    const next = await items.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("chatroomMessages.watch yields each new message of a room once", () => {
  test("messages inserted while watching are yielded oldest first, and none that existed when it began", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    tenant.insert({ messages: messages(3) });
    afterList(1, () => tenant.insert({ messages: messages(2, 10) }));
    afterList(3, () => tenant.insert({ messages: messages(1, 20) }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const seen = await take(watch, 3);
    await watch.return();

    expect(seen.map((m) => m.message_text)).toEqual(["m10", "m11", "m20"]);
    const ids = seen.map((m) => m.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  test("polls newest first by id, with the room's filter, one list call per poll while nothing new arrives", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    afterList(4, () => tenant.insert({ messages: messages(1) }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    await take(watch, 1);
    await watch.return();

    const lists = tenant.requests.filter((r) => r.operationId === LIST);
    expect(lists).toHaveLength(5);
    expect(lists.every((r) => r.query.chatroom === "42" && r.query.orderFieldName === "id" && r.query.orderFieldSort === "DESC" && r.query.page === "0")).toBe(true);
  });

  test("120 messages arriving between two polls are read over several pages and each is yielded once, in order", async () => {
    const { tenant, chat, afterList, listPages } = watchedTenant();
    tenant.insert({ messages: messages(60, 1000) });
    let inserted: number[] = [];
    afterList(1, () => (inserted = tenant.insert({ messages: messages(120) }).messages.map((m) => m.id as number)));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const seen = await take(watch, 120);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual(inserted);
    // The first poll reads one page; the second reads pages until it meets a message it knew (the third page).
    expect(listPages()).toEqual(["0", "0", "1", "2"]);
  });

  test("a message that arrives while a burst is read page by page shifts the pages but nothing is yielded twice or skipped", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    let first: number[] = [];
    let late: number[] = [];
    afterList(1, () => (first = tenant.insert({ messages: messages(120) }).messages.map((m) => m.id as number)));
    // Between the second poll's first and second page: every later page holds one message the walk has seen.
    afterList(2, () => (late = tenant.insert({ messages: messages(1, 500) }).messages.map((m) => m.id as number)));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const seen = await take(watch, 121);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual([...first, ...late]);
  });

  test("a full page of messages that arrives between two page reads of a poll shifts a read page onto the next: the poll is read again, nothing yielded twice or skipped", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    let first: number[] = [];
    let late: number[] = [];
    afterList(1, () => (first = tenant.insert({ messages: messages(120) }).messages.map((m) => m.id as number)));
    // Between the second poll's first and second page: a page (50, the default pageSize) of new messages, so its
    // second page holds exactly the messages of its first.
    afterList(2, () => (late = tenant.insert({ messages: messages(50, 500) }).messages.map((m) => m.id as number)));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const seen = await take(watch, 170);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual([...first, ...late]);
  });

  test("a poll that fails after its first page yields none of that page: the next poll yields the whole burst once", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    let first: number[] = [];
    afterList(1, () => (first = tenant.insert({ messages: messages(120) }).messages.map((m) => m.id as number)));
    // The second poll's second page gets a 503 (retried by the watch, not by the client: maxAttempts 1).
    afterList(2, () => tenant.fail(LIST, { status: 503 }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const seen = await take(watch, 120);
    // What comes next is a message that arrives now, not one of the burst again.
    const [next] = tenant.insert({ messages: messages(1, 900) }).messages.map((m) => m.id as number);
    const after = await take(watch, 1);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual(first);
    expect(after.map((m) => m.id)).toEqual([next]);
  });

  test("a server that ignores page ends the watch with an InvalidResponseError after the fourth poll in a row that repeats a page", async () => {
    const tenant = createFakeTenant();
    tenant.insert({ messages: messages(120) });
    const firstPages: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.searchParams.get("page") === "0") firstPages.push(url.search);
      url.searchParams.set("page", "0");
      return tenant.fetch(url, init);
    };
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch, retry: { maxAttempts: 1 } });

    await expect(take(chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, since: 0 }), 1)).rejects.toThrow(InvalidResponseError);
    expect(firstPages).toHaveLength(4);
  });

  test("an unusable answer whose text quotes a repeated page's words still ends the watch at once, not after four polls", async () => {
    const tenant = createFakeTenant();
    let polls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname !== "/api/chat/chatroom_message") return tenant.fetch(input, init);
      polls++;
      return new Response("<p>only items listAll yielded before</p>", { status: 200, headers: { "content-type": "text/html" } });
    };
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch, retry: { maxAttempts: 1 } });

    const failure = take(chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, since: 0 }), 1);
    await expect(failure).rejects.toThrow(InvalidResponseError);
    await expect(failure).rejects.toThrow(/only items listAll yielded before/);
    expect(polls).toBe(1);
  });

  test("since: the messages after that id come first (oldest first), then new ones", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    const before = tenant.insert({ messages: messages(5) }).messages.map((m) => m.id as number);
    let later: number[] = [];
    afterList(1, () => (later = tenant.insert({ messages: messages(2, 50) }).messages.map((m) => m.id as number)));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, since: before[1] });

    const seen = await take(watch, 5);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual([...before.slice(2), ...later]);
  });

  test("since: more than a page of messages after it are all yielded on the first poll, oldest first", async () => {
    const { tenant, chat, listPages } = watchedTenant();
    const before = tenant.insert({ messages: messages(130) }).messages.map((m) => m.id as number);
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, since: before[9] });

    const seen = await take(watch, 120);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual(before.slice(10));
    expect(listPages().slice(0, 3)).toEqual(["0", "1", "2"]);
  });

  test("a 503 between two polls is waited out: the messages that arrived are yielded once, none lost or doubled", async () => {
    const { tenant, chat, afterList, listPages } = watchedTenant();
    let inserted: number[] = [];
    afterList(1, () => {
      inserted = tenant.insert({ messages: messages(3) }).messages.map((m) => m.id as number);
      tenant.fail(LIST, { status: 503, times: 2 });
    });
    afterList(2, () => tenant.insert({ messages: messages(1, 9) }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const seen = await take(watch, 4);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual([...inserted, inserted[2]! + 1]);
    const statuses = tenant.requests.filter((r) => r.operationId === LIST).map((r) => r.status);
    expect(statuses.slice(0, 4)).toEqual([200, 503, 503, 200]);
    expect(listPages().length).toBeGreaterThanOrEqual(4);
  });

  test("a first poll that fails is repeated as a first poll: the messages there before the watch are not yielded", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    tenant.insert({ messages: messages(3) });
    tenant.fail(LIST, { status: 503 });
    afterList(2, () => tenant.insert({ messages: messages(1, 7) }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const [message] = await take(watch, 1);
    await watch.return();

    expect(message?.message_text).toBe("m7");
  });

  test("a Retry-After is waited for before the next poll", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { tenant, chat, afterList } = watchedTenant();
    afterList(1, () => tenant.fail(LIST, { status: 503, retryAfter: 120 }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1_000 });
    const lists = () => tenant.requests.filter((r) => r.operationId === LIST).length;
    const pending = watch.next();

    // Advance a second at a time until the 503 came back; then the watch waits 120 s, not its 1 s interval.
    for (let i = 0; i < 100 && lists() < 2; i++) await vi.advanceTimersByTimeAsync(1_000);
    expect(lists()).toBe(2);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(lists()).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lists()).toBe(3);

    await watch.return();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  test.each([
    ["a Retry-After of 0", 0],
    ["a Retry-After date in the past", "Wed, 21 Oct 2015 07:28:00 GMT"],
  ])("%s does not make the watch poll sooner than intervalMs: it does not spin against a tenant that answers 503 so", async (_case, retryAfter) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { tenant, chat, afterList } = watchedTenant();
    afterList(1, () => tenant.fail(LIST, { status: 503, retryAfter, times: 50 }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1_000 });
    const lists = () => tenant.requests.filter((r) => r.operationId === LIST).length;
    const pending = watch.next();

    // Advance a second at a time until the 503 came back; then the next poll waits its interval, not 0 ms.
    for (let i = 0; i < 100 && lists() < 2; i++) await vi.advanceTimersByTimeAsync(1_000);
    expect(lists()).toBe(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(lists()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(lists()).toBe(3);

    await watch.return();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  test("a failure the client would not retry (401) ends the watch with its error", async () => {
    const { tenant, chat, afterList } = watchedTenant();
    afterList(1, () => tenant.endSession(tenant.sessionToken));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    await expect(watch.next()).rejects.toMatchObject({ name: "AuthenticationError", status: 401 });
  });

  test("a 503 the client's own retries use up is retried by the watch, not ended", async () => {
    const { tenant, chat, afterList } = watchedTenant({ maxAttempts: 2 });
    afterList(1, () => {
      tenant.fail(LIST, { status: 503, times: 4 });
      tenant.insert({ messages: messages(1) });
    });
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const [message] = await take(watch, 1);
    await watch.return();

    expect(message?.message_text).toBe("m1");
    expect(tenant.requests.filter((r) => r.status === 503)).toHaveLength(4);
  });

  test("a poll whose every attempt the tenant holds past the deadline is waited out like an attempt timeout, not the end of the watch", async () => {
    const { tenant, chat, afterList } = watchedTenant({ maxAttempts: 2 });
    afterList(1, () => {
      // The second poll's two attempts would each take a minute: the first ends at timeoutMs, the second at deadlineMs.
      tenant.fail(LIST, { delayMs: 60_000, times: 2 });
      tenant.insert({ messages: messages(1) });
    });
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, timeoutMs: 1_000, deadlineMs: 1_500 });

    const [message] = await take(watch, 1);
    await watch.return();

    expect(message?.message_text).toBe("m1");
  });

  test("a poll whose answer breaks off in the body (a connection lost mid-answer) is waited out, not the end of the watch", async () => {
    const tenant = createFakeTenant();
    let lists = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (!String(input).includes("/api/chat/chatroom_message?") || ++lists !== 2) return tenant.fetch(input, init);
      // The second poll: the head arrives, then the connection breaks, as undici reports it.
      tenant.insert({ messages: messages(1) });
      const lost = new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          controller.enqueue(new TextEncoder().encode('[{"id":'));
          controller.error(lost);
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    };
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch, retry: { maxAttempts: 1 } });
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const [message] = await take(watch, 1);
    await watch.return();

    expect(message?.message_text).toBe("m1");
    expect(lists).toBeGreaterThanOrEqual(3);
  });

  test("a poll whose answer's body stalls past timeoutMs is waited out, not the end of the watch", async () => {
    const tenant = createFakeTenant();
    let lists = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (!String(input).includes("/api/chat/chatroom_message?") || ++lists !== 2) return tenant.fetch(input, init);
      // The second poll: the head and the start of the body arrive, then nothing more.
      tenant.insert({ messages: messages(1) });
      const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('[{"id":')) });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    };
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch, retry: { maxAttempts: 1 } });
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, timeoutMs: 2_000 });

    const [message] = await take(watch, 1);
    await watch.return();

    expect(message?.message_text).toBe("m1");
    expect(lists).toBeGreaterThanOrEqual(3);
  });

  test("a tenant that lists oldest first (it ignores orderFieldSort) ends the watch with an InvalidResponseError instead of never yielding a new message", async () => {
    const tenant = createFakeTenant();
    tenant.insert({ messages: messages(60) });
    let lists = 0;
    let fifthList: () => void = () => {};
    const polledFiveTimes = new Promise<string>((resolve) => (fifthList = () => resolve("still polling")));
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input);
      if (url.includes("/api/chat/chatroom_message?") && ++lists === 5) fifthList();
      // A new message after the first poll: a watch that reads oldest first meets an old one first and never sees it.
      if (lists === 2) tenant.insert({ messages: messages(1, 61) });
      return tenant.fetch(url.replace("orderFieldSort=DESC", "orderFieldSort=ASC"), init);
    };
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch, retry: { maxAttempts: 1 } });
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });

    const outcome = await Promise.race([watch.next().then((next) => `yielded ${JSON.stringify(next.value)}`, (error: unknown) => error), polledFiveTimes]);
    await watch.return();

    expect(outcome).toBeInstanceOf(InvalidResponseError);
    expect((outcome as Error).message).toMatch(/newest first/);
  });

  test("a message that commits late between two page reads, below the first page's last id, is yielded once: no page is out of order", async () => {
    // The room's messages, newest first, as the server lists them after each list call (pageSize 4).
    let visible = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const after = new Map([
      // After the first poll: 14, 12 and 11 arrive; 13's transaction has not committed yet.
      [1, [14, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
      // Between the second poll's first and second page: 13 commits and 15, 16, 17 arrive, so its second page
      // starts with 13, a higher id than the 10 that ended its first page.
      [2, [17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ]);
    let lists = 0;
    const scripted = createScriptedFetch((request) => {
      const query = new URL(request.url).searchParams;
      const [page, size] = [Number(query.get("page")), Number(query.get("pageSize"))];
      const answer = visible.slice(page * size, page * size + size).map((id) => ({ id, chatroom: { id: 42 }, message_text: `m${id}` }));
      visible = after.get(++lists) ?? visible;
      return jsonResponse(200, answer);
    });
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: "watch-test-token-1", fetch: scripted.fetch, logger: false });
    const watch = chat.chatroomMessages.watch({ chatroom: "42", pageSize: 4 }, { intervalMs: 1 });

    const seen = await take(watch, 7);
    await watch.return();

    expect(seen.map((m) => m.id)).toEqual([11, 12, 13, 14, 15, 16, 17]);
  });
});

describe("chatroomMessages.watch stops without a request left in flight", () => {
  test("return() while a poll waits for its page aborts it, and the watch ends at once", async () => {
    const { tenant, chat, requestStarts, inFlight } = watchedTenant();
    // The second poll's page would take a minute: the fake answers an aborted request at once, with no status.
    const secondPoll = requestStarts(2, () => tenant.fail(LIST, { delayMs: 60_000 }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 });
    const pending = watch.next();
    await secondPoll;
    expect(inFlight()).toBe(1);

    await watch.return();

    expect(await pending).toEqual({ done: true, value: undefined });
    expect(inFlight()).toBe(0);
    const last = tenant.requests.at(-1)!;
    expect([tenant.requests.length, last.operationId, last.status]).toEqual([2, LIST, null]);
  });

  test("break after a message leaves no request in flight and polls no more", async () => {
    const { tenant, chat, afterList, inFlight } = watchedTenant();
    afterList(1, () => tenant.insert({ messages: messages(2) }));
    const seen: string[] = [];

    for await (const message of chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1 })) {
      seen.push(message.message_text!);
      break;
    }

    expect(seen).toEqual(["m1"]);
    expect(inFlight()).toBe(0);
    expect(tenant.requests).toHaveLength(2);
  });

  test("the signal aborting a poll in flight ends the watch with an AbortError and aborts the request", async () => {
    const { tenant, chat, requestStarts, inFlight } = watchedTenant();
    const controller = new AbortController();
    const secondPoll = requestStarts(2, () => tenant.fail(LIST, { delayMs: 60_000 }));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 1, signal: controller.signal });
    const pending = watch.next();
    await secondPoll;
    expect(inFlight()).toBe(1);

    controller.abort();

    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(inFlight()).toBe(0);
    expect(tenant.requests.at(-1)?.status).toBeNull();
    expect(await watch.next()).toEqual({ done: true, value: undefined });
  });

  test("the signal aborting between polls ends the watch with an AbortError", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { tenant, chat, afterList } = watchedTenant();
    const controller = new AbortController();
    afterList(1, () => queueMicrotask(() => controller.abort()));
    const watch = chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: 60_000, signal: controller.signal });

    await expect(watch.next()).rejects.toBeInstanceOf(AbortError);
    expect(tenant.requests.filter((r) => r.operationId === LIST)).toHaveLength(1);
  });

  test("a bad intervalMs or since is an InvalidInputError before anything is sent", async () => {
    const { tenant, chat } = watchedTenant();

    await expect(chat.chatroomMessages.watch({ chatroom: "42" }, { intervalMs: -1 }).next()).rejects.toBeInstanceOf(InvalidInputError);
    await expect(chat.chatroomMessages.watch({ chatroom: "42" }, { since: 1.5 }).next()).rejects.toThrow(/since/);
    expect(tenant.requests).toHaveLength(0);
  });

  test.each([
    ["a chat room id", "42"],
    ["null", null],
  ])("%s in place of the query (from JavaScript) is an InvalidInputError before anything is sent, not a watch of every room", async (_case, query) => {
    const { tenant, chat, requestStarts } = watchedTenant();
    // A watch that sends anything is stopped, so a regression fails instead of polling on.
    const controller = new AbortController();
    void requestStarts(1).then(() => controller.abort());

    const error = await chat.chatroomMessages.watch(query as never, { intervalMs: 1, signal: controller.signal }).next().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "query", method: "GET" });
    expect(tenant.requests).toHaveLength(0);
  });

  test.each([
    ["null", null],
    ["a string", "42"],
  ])("%s in place of the options (from JavaScript) is the InvalidInputError list gives, before anything is sent", async (_case, options) => {
    const { tenant, chat } = watchedTenant();

    const listed = await chat.chatroomMessages.list({ chatroom: "42" }, options as never).catch((e: unknown) => e);
    const error = await chat.chatroomMessages.watch({ chatroom: "42" }, options as never).next().catch((e: unknown) => e);

    expect(listed).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "options", method: "GET", message: (listed as Error).message });
    expect(tenant.requests).toHaveLength(0);
  });
});
