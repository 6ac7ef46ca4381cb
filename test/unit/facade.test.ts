import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { createChatClient, type ChatClient, type OperationId } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

const BASE = "https://acme.iw-erp.de";

/** A client whose fetch answers every request with the least body the spec allows: an empty list, or a record with only its id. */
function clientAnsweringEmpty(): { chat: ChatClient; requests: Request[] } {
  const scripted = createScriptedFetch((request) => jsonResponse(200, request.method === "GET" && /\/chatroom_[a-z_]+$/.test(new URL(request.url).pathname) ? [] : { id: 7 }));
  const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, validateResponses: "throw" });
  return { chat, requests: scripted.requests };
}

/** Each facade method, called with an id of 7 where it takes one, and the operation it must send. */
const CALLS: Array<[string, OperationId, (chat: ChatClient) => Promise<unknown>, string | undefined]> = [
  ["chatrooms.get", "get_chatroom_get", (c) => c.chatrooms.get(7), undefined],
  ["chatrooms.update", "put_chatroom_put", (c) => c.chatrooms.update(7, { name: "Support" }), '{"data":{"name":"Support"}}'],
  ["chatroomParticipants.list", "get_chatroom_participant_cget", (c) => c.chatroomParticipants.list({ chatroom: "42" }), undefined],
  ["chatroomParticipants.add", "post_chatroom_participant_post", (c) => c.chatroomParticipants.add({ first_name: "Ada" }), '{"data":{"first_name":"Ada"}}'],
  ["chatroomParticipants.update", "put_chatroom_participant_put", (c) => c.chatroomParticipants.update(7, { is_muted: true }), '{"data":{"is_muted":true}}'],
  ["chatroomParticipants.delete", "delete_chatroom_participant_delete", (c) => c.chatroomParticipants.delete(7), undefined],
  ["chatroomMessages.list", "get_chatroom_message_cget", (c) => c.chatroomMessages.list(), undefined],
  ["chatroomMessages.get", "get_chatroom_message_get", (c) => c.chatroomMessages.get(7), undefined],
  ["chatroomMessages.delete", "delete_chatroom_message_delete", (c) => c.chatroomMessages.delete(7), undefined],
  ["chatroomMessageReactions.list", "get_chatroom_message_reaction_cget", (c) => c.chatroomMessageReactions.list(), undefined],
  ["chatroomMessageReactions.get", "get_chatroom_message_reaction_get", (c) => c.chatroomMessageReactions.get(7), undefined],
  ["chatroomMessageReactions.delete", "delete_chatroom_message_reaction_delete", (c) => c.chatroomMessageReactions.delete(7), undefined],
  ["customerPortal.chatroomMessages.get", "get_customer_chatroom_message_get", (c) => c.customerPortal.chatroomMessages.get(7), undefined],
  ["customerPortal.chatroomMessages.update", "put_customer_chatroom_message_put", (c) => c.customerPortal.chatroomMessages.update(7, { completed: true }), '{"data":{"completed":true}}'],
  ["customerPortal.chatroomMessageReactions.add", "post_customer_chatroom_message_reaction_post", (c) => c.customerPortal.chatroomMessageReactions.add(7, { emoji: "👍" }), '{"data":{"emoji":"👍"}}'],
  ["apiTokens.create", "get_api_token_create_jwt_action", (c) => c.apiTokens.create({ validSeconds: 60 }), undefined],
];

describe("each facade method sends its operation", () => {
  test.each(CALLS)("%s sends %s", async (_name, id, call, body) => {
    const { chat, requests } = clientAnsweringEmpty();

    await call(chat);

    const { method, path } = OPERATIONS[id];
    expect(requests).toHaveLength(1);
    const request = requests[0] as Request;
    expect(request.method).toBe(method);
    expect(new URL(request.url).pathname).toBe(path.replace(/\{[^}]+\}/, "7"));
    expect(request.headers.get("x-session-token")).toBe(TOKEN);
    expect(request.body === null ? undefined : await request.text()).toBe(body);
  });

  test("every operation of the spec but the login has a facade method", () => {
    const covered = new Set(CALLS.map(([, id]) => id));
    expect(Object.keys(OPERATIONS).filter((id) => !covered.has(id as OperationId))).toEqual(["post_post_login"]);
  });

  test("list sends the filters and paging as query parameters", async () => {
    const { chat, requests } = clientAnsweringEmpty();

    await chat.chatroomParticipants.list({ chatroom: "42", deleted: false, page: 2, pageSize: 20, orderFieldSort: "DESC" });

    const query = new URL((requests[0] as Request).url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ chatroom: "42", deleted: "false", page: "2", pageSize: "20", orderFieldSort: "DESC" });
  });

  test("a path parameter is percent-encoded", async () => {
    const { chat, requests } = clientAnsweringEmpty();

    await chat.chatrooms.get("a/b c");

    expect(new URL((requests[0] as Request).url).pathname).toBe("/api/chat/chatroom/a%2Fb%20c");
  });

  test.each([
    ["an empty id", "", /Invalid identifier: must be a non-empty string or a whole number/],
    ["a fractional id", 1.5, /Invalid identifier: .*\(got 1\.5\)/],
    ["an object as query", "query", /Invalid query: must be an object/],
    ["an id of ..", "..", /Invalid identifier: is "\.\.", which a URL resolves as a step up the path/],
  ])("%s is rejected before anything is sent, naming the call", async (_case, value, message) => {
    const { chat, requests } = clientAnsweringEmpty();

    const error = await (value === "query" ? chat.chatroomMessages.list("chatroom=1" as never) : chat.chatrooms.get(value as never)).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "InvalidInputError" });
    expect((error as Error).message).toMatch(/^GET https:\/\/acme\.iw-erp\.de\/api\/chat\/chatroom(_message)?(\/\S*)? was not sent\./);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  });
});
