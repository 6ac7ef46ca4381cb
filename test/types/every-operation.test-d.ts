import { describe, expectTypeOf, test } from "vitest";
import {
  createChatClient,
  login,
  type ChatClient,
  type Chatroom,
  type ChatroomMessage,
  type ChatroomMessageListItem,
  type ChatroomMessageReaction,
  type ChatroomMessageReactionListItem,
  type ChatroomParticipant,
  type ChatroomParticipantListItem,
  type CustomerChatroomMessage,
  type CustomerChatroomMessageReaction,
  type LoginResult,
  type OperationId,
  type CreateApiTokenQuery,
  type ResultOf,
  type Session,
} from "../../src/index.js";

const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken: "token" });

/**
 * For every operation: the result type is the spec's 200 body, and a wrong path parameter, query parameter
 * or body field does not compile (each `@ts-expect-error` fails the type-check if the line compiles).
 */
describe("every operation is typed from the spec", () => {
  test("chatrooms.get / update (get_chatroom_get, put_chatroom_put)", () => {
    expectTypeOf(chat.chatrooms.get(42)).resolves.toEqualTypeOf<Chatroom>();
    expectTypeOf(chat.chatrooms.update("42", { name: "Support" })).resolves.toEqualTypeOf<Chatroom>();
    // @ts-expect-error the identifier is a string or an id, not an object
    void chat.chatrooms.get({ id: 42 });
    // @ts-expect-error name is a string
    void chat.chatrooms.update(42, { name: 7 });
    // @ts-expect-error the chat room is required
    void chat.chatrooms.update(42);
  });

  test("chatroomParticipants.list / listAll (get_chatroom_participant_cget)", () => {
    expectTypeOf(chat.chatroomParticipants.list({ chatroom: "42", page: 0, pageSize: 50 })).resolves.toEqualTypeOf<ChatroomParticipantListItem[]>();
    expectTypeOf(chat.chatroomParticipants.listAll()).toEqualTypeOf<AsyncGenerator<ChatroomParticipantListItem, void, undefined>>();
    // @ts-expect-error pageSize is a number
    void chat.chatroomParticipants.list({ pageSize: "50" });
    // @ts-expect-error orderFieldSort is "DESC" | "ASC"
    void chat.chatroomParticipants.list({ orderFieldSort: "up" });
    // @ts-expect-error there is no such filter
    void chat.chatroomParticipants.list({ colour: "red" });
    // @ts-expect-error maxItems is a number
    void chat.chatroomParticipants.listAll({}, { maxItems: "all" });
  });

  test("chatroomParticipants.add / update / delete", () => {
    expectTypeOf(chat.chatroomParticipants.add({ first_name: "Ada" })).resolves.toEqualTypeOf<ChatroomParticipant>();
    expectTypeOf(chat.chatroomParticipants.update(7, { is_muted: true })).resolves.toEqualTypeOf<ChatroomParticipant>();
    expectTypeOf(chat.chatroomParticipants.delete(7)).resolves.toEqualTypeOf<ChatroomParticipant>();
    // @ts-expect-error is_muted is a boolean
    void chat.chatroomParticipants.update(7, { is_muted: "yes" });
    // @ts-expect-error the identifier is a string or an id
    void chat.chatroomParticipants.delete(true);
    // @ts-expect-error ai_number_of_context_messages is an integer
    void chat.chatroomParticipants.add({ ai_number_of_context_messages: "3" });
  });

  test("chatroomMessages.list / get / delete", () => {
    expectTypeOf(chat.chatroomMessages.list({ chatroom: "42", deleted: false })).resolves.toEqualTypeOf<ChatroomMessageListItem[]>();
    expectTypeOf(chat.chatroomMessages.get(1)).resolves.toEqualTypeOf<ChatroomMessage>();
    expectTypeOf(chat.chatroomMessages.delete(1)).resolves.toEqualTypeOf<ChatroomMessage>();
    // @ts-expect-error deleted is a boolean
    void chat.chatroomMessages.list({ deleted: "no" });
    // @ts-expect-error person is a filter of participants, not of messages
    void chat.chatroomMessages.list({ person: "1" });
    // @ts-expect-error the identifier is a string or an id
    void chat.chatroomMessages.get(null);
  });

  test("chatroomMessageReactions.list / get / delete", () => {
    expectTypeOf(chat.chatroomMessageReactions.list({ message: "1" })).resolves.toEqualTypeOf<ChatroomMessageReactionListItem[]>();
    expectTypeOf(chat.chatroomMessageReactions.get(5)).resolves.toEqualTypeOf<ChatroomMessageReaction>();
    expectTypeOf(chat.chatroomMessageReactions.delete(5)).resolves.toEqualTypeOf<ChatroomMessageReaction>();
    // @ts-expect-error page is a number
    void chat.chatroomMessageReactions.list({ page: "first" });
    // @ts-expect-error the identifier is a string or an id
    void chat.chatroomMessageReactions.delete([5]);
  });

  test("customerPortal.chatroomMessages.get / update and chatroomMessageReactions.add", () => {
    expectTypeOf(chat.customerPortal.chatroomMessages.get(1)).resolves.toEqualTypeOf<CustomerChatroomMessage>();
    expectTypeOf(chat.customerPortal.chatroomMessages.update(1, { completed: true })).resolves.toEqualTypeOf<CustomerChatroomMessage>();
    expectTypeOf(chat.customerPortal.chatroomMessageReactions.add(1, { emoji: "👍" })).resolves.toEqualTypeOf<CustomerChatroomMessageReaction>();
    // @ts-expect-error completed is a boolean
    void chat.customerPortal.chatroomMessages.update(1, { completed: 1 });
    // @ts-expect-error emoji is a string
    void chat.customerPortal.chatroomMessageReactions.add(1, { emoji: 1 });
    // @ts-expect-error the message id is a string or an id
    void chat.customerPortal.chatroomMessageReactions.add({}, { emoji: "👍" });
  });

  test("apiTokens.create (get_api_token_create_jwt_action)", () => {
    expectTypeOf(chat.apiTokens.create({ scopes: "chat", allowedPath: "/api/chat", allowedMethod: "GET", validSeconds: 3600, maxUserAccessType: 0, extraShort: "true" })).resolves.toEqualTypeOf<Session>();
    expectTypeOf(chat.apiTokens.create()).resolves.toEqualTypeOf<Session>();
    expectTypeOf<CreateApiTokenQuery["validSeconds"]>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error validSeconds is a number
    void chat.apiTokens.create({ validSeconds: "3600" });
    // @ts-expect-error extraShort is "true" or "false"
    void chat.apiTokens.create({ extraShort: true });
    // @ts-expect-error there is no such parameter
    void chat.apiTokens.create({ lifetime: 60 });
  });

  test("login (post_post_login)", () => {
    expectTypeOf(login({ host: "acme.iw-erp.de", username: "ada", password: "pw" })).resolves.toEqualTypeOf<LoginResult>();
    // Always there: a login answered without one fails (test/unit/login.test.ts).
    expectTypeOf<LoginResult["session"]["sessionid"]>().toEqualTypeOf<string>();
    // @ts-expect-error tokenIdentifiers is one of the spec's values
    void login({ host: "acme.iw-erp.de", username: "ada", password: "pw", tokenIdentifiers: "jwt" });
    // @ts-expect-error the password is required
    void login({ host: "acme.iw-erp.de", username: "ada" });
  });

  test("chat.request takes any operationId, typed by it", () => {
    expectTypeOf(chat.request("get_chatroom_get", { path: { identifier: "42" } })).resolves.toEqualTypeOf<Chatroom>();
    expectTypeOf(chat.request("post_post_login", { body: { username: "ada", password: "pw" } })).resolves.toEqualTypeOf<ResultOf<"post_post_login">>();
    expectTypeOf<"get_chatroom_get">().toExtend<OperationId>();
    // @ts-expect-error not an operation of the spec
    void chat.request("get_chatroom_cget", {});
    // @ts-expect-error the path parameter is missing
    void chat.request("get_chatroom_get", {});
    // @ts-expect-error the path parameter has another name
    void chat.request("post_customer_chatroom_message_reaction_post", { path: { identifier: "1" }, body: {} });
    // @ts-expect-error a GET takes no body
    void chat.request("get_chatroom_get", { path: { identifier: "42" }, body: {} });
    // @ts-expect-error the query parameter has the wrong type
    void chat.request("get_chatroom_message_cget", { query: { pageSize: true } });
  });
});

describe("a client takes exactly one credential", () => {
  test("an API key or a session token compiles; both, or neither, does not", () => {
    expectTypeOf(createChatClient({ host: "acme.iw-erp.de", apiKey: "key" })).toEqualTypeOf<ChatClient>();
    expectTypeOf(createChatClient({ host: "acme.iw-erp.de", sessionToken: "token" })).toEqualTypeOf<ChatClient>();
    // The other credential may be given as `undefined`, e.g. when both come from optional settings.
    expectTypeOf(createChatClient({ host: "acme.iw-erp.de", apiKey: "key", sessionToken: undefined })).toEqualTypeOf<ChatClient>();
    expectTypeOf(createChatClient({ host: "acme.iw-erp.de", sessionToken: "token", apiKey: undefined })).toEqualTypeOf<ChatClient>();
    // @ts-expect-error both credentials
    void createChatClient({ host: "acme.iw-erp.de", apiKey: "key", sessionToken: "token" });
    // @ts-expect-error neither credential
    void createChatClient({ host: "acme.iw-erp.de" });
    // @ts-expect-error the key is a string
    void createChatClient({ host: "acme.iw-erp.de", apiKey: 42 });
  });
});
