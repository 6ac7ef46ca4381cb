import { createChatClient, type ChatClient, type ConnectionOptions, type ChatroomParticipantPayload } from "../../src/index.js";
import { FAULT_HEADER, type StandIn } from "../../scripts/lib/stand-in.mjs";
import type { FaultName } from "../../scripts/lib/stand-in-faults.mjs";
import { createRecorder, SECRET_WORD, TOKEN } from "./secrets.js";

let counter = 0;

/** A participant with a `first_name` no other call uses (the server counts attempts by it) and the secret word. */
export function uniqueParticipant(label = "p"): ChatroomParticipantPayload & { first_name: string } {
  counter++;
  return { chatroom: { id: 42 }, first_name: `${label}-${process.pid}-${counter}`, ai_auto_close_secret_word: SECRET_WORD };
}

/**
 * A client whose every request asks `server` for `fault`, with the test token, a recording logger and `onRetry`
 * hook, and 1 ms backoff; `options` override all of that (its `retry` is merged over the test's).
 */
export function createTestClient(
  server: StandIn | string,
  fault: FaultName,
  options: Partial<ConnectionOptions> & { sessionToken?: string } = {},
): ReturnType<typeof createRecorder> & { client: ChatClient } {
  const recorder = createRecorder();
  const { retry, headers, ...rest } = options;
  const client = createChatClient({
    baseUrl: typeof server === "string" ? server : server.url,
    sessionToken: TOKEN,
    headers: { [FAULT_HEADER]: fault, ...headers },
    logger: recorder.logger,
    retry: retry === false ? false : { initialDelayMs: 1, onRetry: recorder.onRetry, ...retry },
    ...rest,
  });
  return { client, ...recorder };
}

/** What `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
