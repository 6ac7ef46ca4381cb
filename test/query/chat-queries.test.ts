import { MutationObserver, QueryClient, QueryObserver } from "@tanstack/query-core";
import { afterEach, describe, expect, test } from "vitest";
import { chatQueries, type ChatMutationOptions, type ChatQueries, type ChatQueryOptions } from "../../src/query/index.js";
import { AbortError, createChatClient } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";

const BASE_URL = "https://acme.iw-erp.de";

/** A fake tenant, a client on it (its fetch counts the requests that have started), the queries and a QueryClient. */
function setup(baseUrl = BASE_URL) {
  const tenant = createFakeTenant();
  const started: Array<() => void> = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    for (const resolve of started.splice(0)) resolve();
    return tenant.fetch(input, init);
  };
  const chat = createChatClient({ baseUrl, sessionToken: tenant.sessionToken, fetch, retry: { maxAttempts: 1 } });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
  clients.push(queryClient);
  return {
    tenant,
    chat,
    queries: chatQueries(chat),
    queryClient,
    /** Resolves when the next request starts. */
    nextRequest: () => new Promise<void>((resolve) => started.push(resolve)),
    requests: () => tenant.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
  };
}
const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

/** `count` participants of room 42 named p1, p2, … */
function participants(count: number) {
  return Array.from({ length: count }, (_, i) => ({ chatroom: { id: 42 }, first_name: `p${i + 1}` }));
}

describe("chatQueries gives TanStack Query options that read through the client", () => {
  test("a list query fetches the page from the tenant, under the documented key", async () => {
    const { queries, queryClient } = setup();
    const options = queries.chatroomParticipants.list({ chatroom: "42" });

    const listed = await queryClient.fetchQuery(options);

    expect(listed.map((p) => p.first_name)).toEqual(["Ada"]);
    expect(options.queryKey).toEqual(["iwerp-chat", BASE_URL, "participant", "get_chatroom_participant_cget", { chatroom: "42" }]);
    expect(queries.chatrooms.get(42).queryKey).toEqual(["iwerp-chat", BASE_URL, "chatroom", "get_chatroom_get", { identifier: "42" }]);
  });

  test("a second query with an equal key (fields in another order, 42 or \"42\") is a cache hit: no second request", async () => {
    const { queries, queryClient, tenant } = setup();

    await queryClient.fetchQuery(queries.chatroomParticipants.list({ chatroom: "42", pageSize: 10 }));
    const again = await queryClient.fetchQuery(queries.chatroomParticipants.list({ pageSize: 10, chatroom: "42", searchString: undefined }));
    await queryClient.fetchQuery(queries.chatrooms.get(42));
    const room = await queryClient.fetchQuery(queries.chatrooms.get("42"));

    expect(again.map((p) => p.first_name)).toEqual(["Ada"]);
    expect(room.name).toBe("Support");
    expect(tenant.requests.map((r) => r.operationId)).toEqual(["get_chatroom_participant_cget", "get_chatroom_get"]);
  });

  test("two tenants never share a cache entry: the base URL is part of every key", async () => {
    const acme = setup("https://acme.iw-erp.de");
    const other = setup("https://other.iw-erp.de");
    other.tenant.insert({ participants: [{ chatroom: { id: 42 }, first_name: "Grace" }] });
    const queryClient = acme.queryClient;

    const fromAcme = await queryClient.fetchQuery(acme.queries.chatroomParticipants.list({ chatroom: "42" }));
    const fromOther = await queryClient.fetchQuery(other.queries.chatroomParticipants.list({ chatroom: "42" }));

    expect(fromAcme.map((p) => p.first_name)).toEqual(["Ada"]);
    expect(fromOther.map((p) => p.first_name)).toEqual(["Ada", "Grace"]);
    expect([acme.tenant.requests.length, other.tenant.requests.length]).toEqual([1, 1]);
  });

  test("cancelQueries aborts the request in flight: the call ends with an AbortError and the fake sees the abort", async () => {
    const { queries, queryClient, tenant, nextRequest } = setup();
    tenant.fail("get_chatroom_participant_cget", { delayMs: 60_000 });
    const options = queries.chatroomParticipants.list({ chatroom: "42" });
    const errors: unknown[] = [];
    const started = nextRequest();
    const fetching = queryClient.fetchQuery({
      ...options,
      queryFn: (context) => options.queryFn(context).catch((error: unknown) => Promise.reject((errors.push(error), error))),
    });
    const outcome = fetching.then(
      () => "resolved",
      (error: Error) => error.constructor.name,
    );
    await started;

    await queryClient.cancelQueries({ queryKey: options.queryKey });

    expect(await outcome).toBe("CancelledError");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AbortError);
    expect(tenant.requests.map((r) => [r.operationId, r.status])).toEqual([["get_chatroom_participant_cget", null]]);
  });
});

describe("infinite lists page as the spec says: a next page after a full one", () => {
  test("71 participants in pages of 50: two pages, then no next page", async () => {
    const { queries, queryClient, tenant } = setup();
    tenant.insert({ participants: participants(70) });
    const options = queries.chatroomParticipants.infiniteList({ chatroom: "42" });

    const data = await queryClient.fetchInfiniteQuery({ ...options, pages: 5 });

    expect(data.pages.map((page) => page.length)).toEqual([50, 21]);
    expect(data.pageParams).toEqual([0, 1]);
    expect(tenant.requests.map((r) => [r.query.page, r.query.pageSize])).toEqual([
      ["0", "50"],
      ["1", "50"],
    ]);
    expect(options.queryKey).toEqual(["iwerp-chat", BASE_URL, "participant", "get_chatroom_participant_cget", { chatroom: "42" }, "infinite"]);
  });

  test("a full last page is followed by one more request, whose empty page ends the list", async () => {
    const { queries, queryClient, tenant } = setup();
    tenant.insert({ participants: participants(19) });

    const data = await queryClient.fetchInfiniteQuery({ ...queries.chatroomParticipants.infiniteList({ chatroom: "42", pageSize: 10 }), pages: 5 });

    expect(data.pages.map((page) => page.length)).toEqual([10, 10, 0]);
    expect(data.pages.flat().map((p) => p.first_name)).toEqual(["Ada", ...participants(19).map((p) => p.first_name)]);
  });

  test("getNextPageParam offers the next page after a full page and none after a short one", async () => {
    const { queries, queryClient, tenant } = setup();
    const options = queries.chatroomMessages.infiniteList({ chatroom: "42", pageSize: 5 });
    tenant.insert({ messages: Array.from({ length: 4 }, () => ({ chatroom: { id: 42 }, participant: { id: 42 }, message_text: "x" })) });

    const data = await queryClient.fetchInfiniteQuery(options);

    expect(data.pages.map((page) => page.length)).toEqual([5]);
    expect(options.getNextPageParam(data.pages[0]!, data.pages, 0)).toBe(1);
    expect(options.getNextPageParam([], data.pages, 1)).toBeUndefined();
  });
});

describe("mutations write through the client and make the lists they change stale", () => {
  test("after add, the active participants list refetches and shows the new participant", async () => {
    const { queries, queryClient, tenant } = setup();
    const list = new QueryObserver(queryClient, queries.chatroomParticipants.list({ chatroom: "42" }));
    const unsubscribe = list.subscribe(() => {});
    await list.refetch();
    expect(list.getCurrentResult().data?.map((p) => p.first_name)).toEqual(["Ada"]);

    const added = await new MutationObserver(queryClient, queries.chatroomParticipants.add()).mutate({ chatroom: { id: 42 }, first_name: "Grace" });

    expect(added.first_name).toBe("Grace");
    // onSuccess resolves once the active queries it invalidated have refetched.
    expect(list.getCurrentResult().data?.map((p) => p.first_name)).toEqual(["Ada", "Grace"]);
    expect(tenant.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/chat/chatroom_participant",
      "POST /api/chat/chatroom_participant",
      "GET /api/chat/chatroom_participant",
    ]);
    unsubscribe();
  });

  test("a delete leaves the queries of records it does not change fresh and makes its own stale; invalidates names the keys", async () => {
    const { queries, queryClient } = setup();
    await queryClient.fetchQuery(queries.chatrooms.get(42));
    await queryClient.fetchQuery(queries.chatroomParticipants.list({ chatroom: "42" }));
    await queryClient.fetchQuery(queries.chatroomMessageReactions.list({ chatroom: "42" }));
    const remove = queries.chatroomMessageReactions.delete();

    await new MutationObserver(queryClient, remove).mutate(42);

    expect(remove.invalidates).toEqual([
      ["iwerp-chat", BASE_URL, "reaction"],
      ["iwerp-chat", BASE_URL, "message"],
    ]);
    expect(queryClient.getQueryState(queries.chatroomMessageReactions.list({ chatroom: "42" }).queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queries.chatrooms.get(42).queryKey)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(queries.chatroomParticipants.list({ chatroom: "42" }).queryKey)?.isInvalidated).toBe(false);
    expect(queries.chatroomMessages.delete().invalidates).toEqual([
      ["iwerp-chat", BASE_URL, "message"],
      ["iwerp-chat", BASE_URL, "reaction"],
    ]);
  });

  test("without TanStack's mutation context, onSuccess invalidates through the queryClient option", async () => {
    const { chat, queryClient } = setup();
    await queryClient.fetchQuery(chatQueries(chat).chatrooms.get(42));
    const update = chatQueries(chat, { queryClient }).chatrooms.update();

    const room = await update.mutationFn({ id: 42, data: { name: "Helpdesk" } });
    await update.onSuccess(room, { id: 42, data: { name: "Helpdesk" } });

    expect(room.name).toBe("Helpdesk");
    expect(queryClient.getQueryState(chatQueries(chat).chatrooms.get(42).queryKey)?.isInvalidated).toBe(true);
  });

  test("a failed mutation invalidates nothing and rejects with the client's error", async () => {
    const { queries, queryClient, tenant } = setup();
    await queryClient.fetchQuery(queries.chatroomParticipants.list({ chatroom: "42" }));
    tenant.fail("post_chatroom_participant_post", { status: 503 });

    await expect(new MutationObserver(queryClient, queries.chatroomParticipants.add()).mutate({ chatroom: { id: 42 }, first_name: "Grace" })).rejects.toMatchObject({
      name: "ServerError",
      status: 503,
    });
    expect(queryClient.getQueryState(queries.chatroomParticipants.list({ chatroom: "42" }).queryKey)?.isInvalidated).toBe(false);
  });

  test("chatQueries refuses what is not a client", () => {
    expect(() => chatQueries({} as never)).toThrow(/chatQueries: chat must be a client/);
  });
});

describe("a mutation invalidates every cached read whose answer it changes", () => {
  /** A client whose session the fake accepts on the staff API and the customer portal alike, so one cache holds both. */
  function setupBoth() {
    const token = "staff-and-customer-session";
    const tenant = createFakeTenant({ sessions: [token], customerSessions: [token] });
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: token, fetch: tenant.fetch, retry: { maxAttempts: 1 } });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
    clients.push(queryClient);
    return { tenant, queries: chatQueries(chat), queryClient };
  }

  /** Every read of the default seed's records (room, participant, message and reaction 42). */
  const reads = (queries: ChatQueries): Record<string, ChatQueryOptions<unknown>> => ({
    "chatrooms.get(42)": queries.chatrooms.get(42),
    "chatroomParticipants.list": queries.chatroomParticipants.list({ chatroom: "42" }),
    "chatroomMessages.list": queries.chatroomMessages.list({ chatroom: "42" }),
    "chatroomMessages.get(42)": queries.chatroomMessages.get(42),
    "chatroomMessageReactions.list": queries.chatroomMessageReactions.list({ chatroom: "42" }),
    "chatroomMessageReactions.get(42)": queries.chatroomMessageReactions.get(42),
    "customerPortal.chatroomMessages.get(42)": queries.customerPortal.chatroomMessages.get(42),
  });

  const writes: Array<[string, (queries: ChatQueries) => ChatMutationOptions<unknown, unknown>, unknown]> = [
    ["chatrooms.update", (q) => q.chatrooms.update() as ChatMutationOptions<unknown, unknown>, { id: 42, data: { name: "Helpdesk" } }],
    ["chatroomParticipants.add", (q) => q.chatroomParticipants.add() as ChatMutationOptions<unknown, unknown>, { chatroom: { id: 42 }, first_name: "Grace" }],
    ["chatroomParticipants.update", (q) => q.chatroomParticipants.update() as ChatMutationOptions<unknown, unknown>, { id: 42, data: { name: "Augusta Ada King" } }],
    ["chatroomParticipants.delete", (q) => q.chatroomParticipants.delete() as ChatMutationOptions<unknown, unknown>, 42],
    ["chatroomMessages.delete", (q) => q.chatroomMessages.delete() as ChatMutationOptions<unknown, unknown>, 42],
    ["chatroomMessageReactions.delete", (q) => q.chatroomMessageReactions.delete() as ChatMutationOptions<unknown, unknown>, 42],
    ["customerPortal.chatroomMessages.update", (q) => q.customerPortal.chatroomMessages.update() as ChatMutationOptions<unknown, unknown>, { id: 42, data: { completed: true } }],
    ["customerPortal.chatroomMessageReactions.add", (q) => q.customerPortal.chatroomMessageReactions.add() as ChatMutationOptions<unknown, unknown>, { messageId: 42, data: { emoji: "🎉" } }],
  ];

  test.each(writes)("after %s, each cached read that would now answer differently is invalidated", async (_name, mutation, variables) => {
    const { queries, queryClient } = setupBoth();
    const cached = Object.entries(reads(queries));
    for (const [, options] of cached) await queryClient.fetchQuery(options);

    await new MutationObserver(queryClient, mutation(queries)).mutate(variables);

    const changed: string[] = [];
    const invalidated: string[] = [];
    for (const [name, options] of cached) {
      const now = await options.queryFn({ signal: new AbortController().signal });
      if (JSON.stringify(now) !== JSON.stringify(queryClient.getQueryData(options.queryKey))) changed.push(name);
      if (queryClient.getQueryState(options.queryKey)?.isInvalidated) invalidated.push(name);
    }
    // Something changed (else the case proves nothing), and everything that changed is stale.
    expect(changed.length).toBeGreaterThan(0);
    expect(invalidated).toEqual(expect.arrayContaining(changed));
  });
});
