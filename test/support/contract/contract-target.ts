import { inject, test, type TestContext } from "vitest";
import type { ChatroomParticipantPayload } from "../../../src/index.js";
import { createFakeTenant } from "../../../src/testing/index.js";
import { CONTRACT_TOKEN, FAKE_TARGET_CUSTOMER_TOKEN } from "./contract-token.js";
import type { ContractTargetInfo } from "./global-setup.js";

/** A target the contract tests call: what the global setup chose, with the `fetch` to reach it. */
export interface ContractTarget extends ContractTargetInfo {
  /** Answers in this process instead of the network; undefined: the real `fetch`. */
  fetch: typeof fetch | undefined;
  /** The session token for the customer portal's operations (`/api/cp/…`) where it is not `CONTRACT_TOKEN`. */
  customerSessionToken?: string;
}

/**
 * Targets without a server (e.g. an in-process fake tenant), by the name in `inProcessFetch`: each makes
 * the `fetch` that answers for it (and the customer's token, where the target tells staff and customers
 * apart). The global setup names the target; its fetch is made here, in the worker.
 */
const IN_PROCESS_FETCHES: Record<string, () => Pick<ContractTarget, "fetch" | "customerSessionToken">> = {
  /**
   * The fake tenant of `iwerp-chat-client/testing`: its default records (ids 42, the spec examples' ids), the
   * suite's staff token and a customer's token for the customer portal, any login accepted. It refuses what the
   * spec says a tenant refuses (a reference to a record it does not hold: 422, documented), as a tenant would.
   */
  "fake-tenant": () => ({
    fetch: createFakeTenant({ sessions: [CONTRACT_TOKEN], customerSessions: [FAKE_TARGET_CUSTOMER_TOKEN], users: "anyone" }).fetch,
    customerSessionToken: FAKE_TARGET_CUSTOMER_TOKEN,
  }),
};

/** `fetch` with `prefer` added to each request's `Prefer` header, beside any preference of the test's own (`code=400`). */
function preferring(prefer: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set("prefer", [headers.get("prefer"), prefer].filter(Boolean).join(", "));
    return fetch(new Request(request, { headers }));
  };
}

function resolveTarget(info: ContractTargetInfo): ContractTarget {
  if (info.inProcessFetch === undefined) return { ...info, fetch: info.prefer === undefined ? undefined : preferring(info.prefer) };
  const make = IN_PROCESS_FETCHES[info.inProcessFetch];
  if (!make) throw new Error(`contract target ${info.name}: no in-process fetch named ${info.inProcessFetch} in contract-target.ts`);
  return { ...info, ...make() };
}

/** The session token to call an operation at `path` on `target` with: the customer's on the customer portal, where the target has one. */
export function sessionTokenFor(target: ContractTarget, path: string): string {
  return path.startsWith("/api/cp/") && target.customerSessionToken !== undefined ? target.customerSessionToken : CONTRACT_TOKEN;
}

/** Every target of this run: the embedded Prism mock twice (static examples, dynamic responses) and the fake tenant, or one real target. */
export const contractTargets: readonly ContractTarget[] = inject("contractTargets").map(resolveTarget);

/** The target of the hand-written behaviour tests: the first one (the static Prism mock by default). */
export const primaryTarget: ContractTarget = contractTargets[0] as ContractTarget;

/** True when the hand-written tests run against a mock. */
export const targetIsMock = primaryTarget.isMock;

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
export function forTarget(participant: ChatroomParticipantPayload): ChatroomParticipantPayload {
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

/**
 * A test that needs a mock (any id works, nothing is stored, pages repeat); skipped against a real
 * target with `why` as the note.
 */
export function mockTest(name: string, why: string, body: (context: TestContext) => Promise<void>): void {
  test(name, async (context) => {
    if (!targetIsMock) context.skip(why);
    await body(context);
  });
}
