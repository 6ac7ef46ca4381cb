import { describe, expectTypeOf, test } from "vitest";
import {
  createChatClient,
  type CallOptions,
  type ChatClient,
  type ChatroomParticipant,
  type ChatroomParticipantPayload,
  type HttpError,
  type Id,
  type IwErpError,
  type RetryEvent,
  type TimeoutError,
} from "../../src/index.js";

const chat: ChatClient = createChatClient({ host: "acme.iw-erp.de", sessionToken: "token" });

describe("chatroomParticipants.add", () => {
  test("takes a ChatroomParticipantPayload and returns Promise<ChatroomParticipant>", () => {
    expectTypeOf(chat.chatroomParticipants.add).returns.toEqualTypeOf<Promise<ChatroomParticipant>>();
    expectTypeOf(chat.chatroomParticipants.add).parameter(0).toEqualTypeOf<ChatroomParticipantPayload>();
    expectTypeOf(chat.chatroomParticipants.add).parameter(1).toEqualTypeOf<CallOptions | undefined>();
  });

  test("the participant's fields have the spec's types: a returned participant always has its id", () => {
    expectTypeOf<ChatroomParticipant["id"]>().toEqualTypeOf<number>();
    expectTypeOf<ChatroomParticipantPayload["id"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf<ChatroomParticipant["first_name"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<ChatroomParticipant["chatroom"]>["id"]>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<ChatroomParticipantPayload["chatroom"]>["id"]>().toEqualTypeOf<Id | undefined>();
    expectTypeOf<ChatroomParticipant["room_admin"]>().toEqualTypeOf<boolean | undefined>();
  });

  test("a field of the wrong type does not compile", () => {
    // @ts-expect-error id is a number or a string of digits, not a boolean
    void chat.chatroomParticipants.add({ id: true });
    // @ts-expect-error chatroom is a reference to a room, `{ id }`, not its id
    void chat.chatroomParticipants.add({ chatroom: 42 });
    // @ts-expect-error room_admin is a boolean
    void chat.chatroomParticipants.add({ first_name: "Ada", room_admin: "yes" });
    // @ts-expect-error the participant is required
    void chat.chatroomParticipants.add();
  });

  test("the call options are typed", () => {
    void chat.chatroomParticipants.add({}, { timeoutMs: 5_000, retry: { retryAmbiguous: true }, validateResponses: "throw" });
    void chat.chatroomParticipants.add({}, { retry: false, signal: AbortSignal.timeout(1_000) });
    // @ts-expect-error validateResponses is "off" | "warn" | "throw"
    void chat.chatroomParticipants.add({}, { validateResponses: "loud" });
    // @ts-expect-error timeoutMs is a number of milliseconds
    void chat.chatroomParticipants.add({}, { timeoutMs: "5s" });
  });
});

describe("errors", () => {
  test("HTTP and timeout errors are IwErpErrors with typed fields", () => {
    expectTypeOf<HttpError>().toExtend<IwErpError>();
    expectTypeOf<HttpError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<HttpError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TimeoutError["limit"]>().toEqualTypeOf<"attempt" | "deadline">();
    expectTypeOf<RetryEvent["error"]>().toEqualTypeOf<IwErpError>();
  });
});
