import { inject, test, type TestContext } from "vitest";
import type { ChatroomParticipant } from "../../src/index.js";

/** True when the tests run against the embedded Prism mock. */
export const targetIsMock = inject("contractTargetIsMock");

const writes = inject("contractWrites");

/** The chat room of the spec's examples, used against the mock. */
const EXAMPLE_CHATROOM_ID = 42;

const WRITES_NOT_ALLOWED =
  "creates records: runs against a real target only with --allow-writes and --chatroom-id (IWERP_CONTRACT_ALLOW_WRITES=1, IWERP_CONTRACT_CHATROOM_ID)";

/** The chat room the tests add participants to: the one given for a real target, else the examples' room. */
export function targetChatroom(): { id: number } {
  return { id: writes.chatroomId ?? EXAMPLE_CHATROOM_ID };
}

/**
 * A participant to send to the target. Against the mock, unchanged; against a real target, in the chat
 * room given for the tests and without an `id`, which the server assigns.
 */
export function forTarget(participant: ChatroomParticipant): ChatroomParticipant {
  if (targetIsMock) return participant;
  const { id: _serverAssigned, ...rest } = participant;
  return { ...rest, chatroom: { ...participant.chatroom, ...targetChatroom() } };
}

/**
 * A test that creates records on the target. It runs against the mock, and against a real target only
 * when writes are allowed; otherwise it is skipped with a note that says how to allow them.
 */
export function writeTest(name: string, body: (context: TestContext) => Promise<void>): void {
  test(name, async (context) => {
    if (!writes.allowed) context.skip(WRITES_NOT_ALLOWED);
    await body(context);
  });
}
