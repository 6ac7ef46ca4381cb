import { describe, expectTypeOf, test } from "vitest";
import {
  createChatClient,
  type Chatroom,
  type ChatroomMessage,
  type ChatroomMessageListQuery,
  type ChatroomMessageReaction,
  type ChatroomMessageReactionListQuery,
  type ChatroomParticipant,
  type ChatroomParticipantListQuery,
  type ChatroomParticipantPayload,
  type ChatroomPayload,
  type CustomerChatroomMessage,
  type CustomerChatroomMessagePayload,
  type CustomerChatroomMessageReaction,
  type CustomerChatroomMessageReactionPayload,
  type Id,
} from "../../src/index.js";

const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken: "a-session-token" });

/**
 * The one rule for ids (`Id`, spec extension `x-iwerp-id`): wherever an id is given, a path id, a list filter by
 * id or an id in a body (a reference such as `chatroom: { id }`, a payload's own `id`), it is taken as a number or
 * a string; in a body the client sends it as the integer (test/unit/body-ids.test.ts). One test per operation that
 * takes an id; each `@ts-expect-error` fails the type-check if its line compiles.
 */
describe("ids as numbers or strings, wherever an id is given", () => {
  test("Id is number | string", () => {
    expectTypeOf<Id>().toEqualTypeOf<number | string>();
  });

  test("get_chatroom_get, put_chatroom_put: the room's id", () => {
    expectTypeOf(chat.chatrooms.get(42)).resolves.toEqualTypeOf<Chatroom>();
    expectTypeOf(chat.chatrooms.get("42")).resolves.toEqualTypeOf<Chatroom>();
    void chat.chatrooms.update(42, { name: "Support" });
    void chat.chatrooms.update("42", { name: "Support" });
    void chat.chatrooms.update(42, { id: 42 });
    void chat.chatrooms.update("42", { id: "42" });
    void chat.chatrooms.update(42, { participants: [{ id: "42", is_muted: true }, { id: 43 }] });
    expectTypeOf<NonNullable<ChatroomPayload["participants"]>[number]["id"]>().toEqualTypeOf<Id | undefined>();
    // A response's participants keep the integer the record holds, always there (records require their id).
    expectTypeOf<NonNullable<Chatroom["participants"]>[number]["id"]>().toEqualTypeOf<number>();
    expectTypeOf<ChatroomPayload["id"]>().toEqualTypeOf<Id | undefined>();
    // @ts-expect-error an id is a number or a string
    void chat.chatrooms.get(true);
    // @ts-expect-error a body id too
    void chat.chatrooms.update(42, { id: true });
  });

  test("get_chatroom_participant_cget: the filters chatroom, person, company, eventSignUp", () => {
    void chat.chatroomParticipants.list({ chatroom: 42, person: 7, company: 3, eventSignUp: 9 });
    void chat.chatroomParticipants.list({ chatroom: "42", person: "7", company: "3", eventSignUp: "9" });
    void chat.chatroomParticipants.listAll({ chatroom: 42 });
    expectTypeOf<ChatroomParticipantListQuery["chatroom"]>().toEqualTypeOf<Id | undefined>();
    // @ts-expect-error a filter by id is not an object
    void chat.chatroomParticipants.list({ chatroom: { id: 42 } });
  });

  test("post_chatroom_participant_post, put_chatroom_participant_put, delete_chatroom_participant_delete", () => {
    expectTypeOf(chat.chatroomParticipants.add({ chatroom: { id: 42 } })).resolves.toEqualTypeOf<ChatroomParticipant>();
    expectTypeOf(chat.chatroomParticipants.add({ chatroom: { id: "42" } })).resolves.toEqualTypeOf<ChatroomParticipant>();
    void chat.chatroomParticipants.add({ id: "7", chatroom: { id: 42 } });
    void chat.chatroomParticipants.update(7, { is_muted: true });
    void chat.chatroomParticipants.update("7", { chatroom: { id: 43 } });
    void chat.chatroomParticipants.update(7, { id: 7, chatroom: { id: "43" } });
    void chat.chatroomParticipants.delete(7);
    void chat.chatroomParticipants.delete("7");
    expectTypeOf<ChatroomParticipantPayload["id"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf<NonNullable<ChatroomParticipantPayload["chatroom"]>["id"]>().toEqualTypeOf<Id | undefined>();
    // A response's reference keeps the integer the record holds, always there (records require their id).
    expectTypeOf<NonNullable<ChatroomParticipant["chatroom"]>["id"]>().toEqualTypeOf<number>();
    // @ts-expect-error a reference's id is a number or a string, not an object
    void chat.chatroomParticipants.add({ chatroom: { id: { id: 42 } } });
    // @ts-expect-error a reference is `{ id }`, not the id itself
    void chat.chatroomParticipants.update(7, { chatroom: "42" });
  });

  test("get_chatroom_message_cget: the filters chatroom, participant; get and delete by id", () => {
    void chat.chatroomMessages.list({ chatroom: 42, participant: 7 });
    void chat.chatroomMessages.list({ chatroom: "42", participant: "7" });
    expectTypeOf<ChatroomMessageListQuery["participant"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf(chat.chatroomMessages.get(1001)).resolves.toEqualTypeOf<ChatroomMessage>();
    void chat.chatroomMessages.get("1001");
    void chat.chatroomMessages.delete(1001);
    void chat.chatroomMessages.delete("1001");
  });

  test("get_chatroom_message_reaction_cget: the filters chatroom, participant, message; get and delete by id", () => {
    void chat.chatroomMessageReactions.list({ chatroom: 42, participant: 7, message: 1001 });
    void chat.chatroomMessageReactions.list({ message: "1001" });
    expectTypeOf<ChatroomMessageReactionListQuery["message"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf(chat.chatroomMessageReactions.get(5)).resolves.toEqualTypeOf<ChatroomMessageReaction>();
    void chat.chatroomMessageReactions.get("5");
    void chat.chatroomMessageReactions.delete(5);
    void chat.chatroomMessageReactions.delete("5");
  });

  test("get_customer_chatroom_message_get, put_customer_chatroom_message_put, post_customer_chatroom_message_reaction_post", () => {
    expectTypeOf(chat.customerPortal.chatroomMessages.get(1001)).resolves.toEqualTypeOf<CustomerChatroomMessage>();
    void chat.customerPortal.chatroomMessages.get("1001");
    void chat.customerPortal.chatroomMessages.update(1001, { completed: true });
    void chat.customerPortal.chatroomMessages.update("1001", { completed: true });
    void chat.customerPortal.chatroomMessages.update(1001, { id: "1001", reactions: [{ id: 5 }, { id: "6" }] });
    void chat.customerPortal.chatroomMessages.update(1001, { attachments: [{ id: "9" }] });
    expectTypeOf<CustomerChatroomMessagePayload["id"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf<NonNullable<CustomerChatroomMessagePayload["attachments"]>[number]["id"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf(chat.customerPortal.chatroomMessageReactions.add(1001, { emoji: "👍" })).resolves.toEqualTypeOf<CustomerChatroomMessageReaction>();
    void chat.customerPortal.chatroomMessageReactions.add("1001", { emoji: "👍" });
    void chat.customerPortal.chatroomMessageReactions.add(1001, { id: "5", emoji: "👍" });
    expectTypeOf<CustomerChatroomMessageReactionPayload["id"]>().toEqualTypeOf<Id | undefined>();
    // @ts-expect-error an id in a list item of a body is a number or a string too
    void chat.customerPortal.chatroomMessages.update(1001, { reactions: [{ id: null }] });
  });

  test("chat.request takes an id as a number or a string too", () => {
    void chat.request("get_chatroom_get", { path: { identifier: 42 } });
    void chat.request("get_chatroom_participant_cget", { query: { chatroom: 42 } });
    void chat.request("post_customer_chatroom_message_reaction_post", { path: { chatroomMessageIdentifier: 1001 }, body: { emoji: "👍" } });
    void chat.request("post_chatroom_participant_post", { body: { chatroom: { id: "42" } } });
    void chat.request("put_chatroom_put", { path: { identifier: "42" }, body: { id: "42" } });
  });
});

describe("records the server returns have their id", () => {
  test("as a number, so no `!` is needed", async () => {
    const participant = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
    const id: number = participant.id;
    const [first] = await chat.chatroomParticipants.list({ chatroom: 42 });
    const listed: number | undefined = first?.id;
    const message = await chat.chatroomMessages.get(1001);
    const author: number | undefined = message.participant?.id;
    void [id, listed, author];
    expectTypeOf<ChatroomParticipant["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Chatroom["id"]>().toEqualTypeOf<number>();
    expectTypeOf<CustomerChatroomMessageReaction["id"]>().toEqualTypeOf<number>();
  });
});
