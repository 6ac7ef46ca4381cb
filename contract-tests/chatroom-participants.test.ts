import { describe, expect, inject, test, type TestContext } from "vitest";
import { AuthenticationError, InvalidResponseError, type ChatroomParticipant, type ChatroomParticipantPayload } from "../src/index.js";
import { createContractClient, expectRequestViolations, withoutHeader } from "../test/support/contract/contract-client.js";
import { CONTRACT_API_KEY, CONTRACT_TOKEN, mockTest, primaryTarget, targetIsMock } from "../test/support/contract/contract-target.js";
import { SPEC_OPERATIONS, schemaViolations } from "../test/support/spec.js";

/*
 * What `chat.chatroomParticipants` does beyond what the spec-driven suite checks for every operation. The
 * `add` tests also run against a real tenant (writing only when allowed). Each top-level describe is named by its
 * operationId, as the spec-driven suite's are: the contract check's report groups tests by it.
 */

const writes = inject("contractWrites");
const WRITES_NOT_ALLOWED =
  "creates records: runs against a real target only with --allow-writes and --chatroom-id (IWERP_CONTRACT_ALLOW_WRITES=1, IWERP_CONTRACT_CHATROOM_ID)";

/** The chat room the tests add participants to: the one given for a real target, else the examples' room (42). */
function targetChatroom(): { id: number } {
  return { id: writes.chatroomId ?? 42 };
}

/** A participant to send: against a real target, in the chat room given for the tests and without the `id` the server assigns. */
function forTarget(participant: ChatroomParticipantPayload): ChatroomParticipantPayload {
  if (targetIsMock) return participant;
  const { id: _serverAssigned, ...rest } = participant;
  return { ...rest, chatroom: { ...participant.chatroom, ...targetChatroom() } };
}

/** A test that creates records: against a real target only when writes are allowed, else skipped saying how to allow them. */
function writeTest(name: string, body: (context: TestContext) => Promise<void>): void {
  test(name, async (context) => {
    if (!writes.allowed) context.skip(WRITES_NOT_ALLOWED);
    await body(context);
  });
}

const PATH = "/api/chat/chatroom_participant";
const add = SPEC_OPERATIONS.find((op) => op.operationId === "post_chatroom_participant_post")!;
const reference = add.body!.examples[0]!.value as { data: ChatroomParticipant };
const list = SPEC_OPERATIONS.find((op) => op.operationId === "get_chatroom_participant_cget")!;
const examplePage = list.okExamples[0]?.value as unknown[];
// Prism is stateless: it answers every page with the example list, as a server that ignores `page` would.
const PAGES_OF_THE_MOCK = "walks the mock's pages: Prism answers every page with the example list, which a real tenant does not";

describe("post_chatroom_participant_post", () => {
  writeTest("add sends the participant wrapped in data and returns the participant the server stored", async () => {
    const { client, exchanges } = createContractClient();
    const participant = await client.chatroomParticipants.add(forTarget(reference.data));

    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.status).toBe(200);
    expect(JSON.parse(exchanges[0]?.requestBody ?? "null")).toEqual({ data: forTarget(reference.data) });
    const violations = schemaViolations(add.okSchemaPointer, participant);
    expect(violations, `the 200 body against the spec: ${violations.join("; ")}`).toEqual([]);
    if (primaryTarget.servesExamples) expect(participant).toEqual(add.okExamples[0]?.value);
  });

  writeTest("sends the session token and the iw-build-id and iw-package-id query parameters", async () => {
    const { client, exchanges } = createContractClient({ buildId: "build-7", packageId: "de.example.app" });
    await client.chatroomParticipants.add({ chatroom: targetChatroom(), first_name: "Ada" });

    const [exchange] = exchanges;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url.pathname).toBe(PATH);
    expect(exchange?.url.searchParams.get("iw-build-id")).toBe("build-7");
    expect(exchange?.url.searchParams.get("iw-package-id")).toBe("de.example.app");
    // Compared as a boolean so that a failure never prints the token.
    expect(exchange?.requestHeaders.get("x-session-token") === CONTRACT_TOKEN, "x-session-token carries the session token").toBe(true);
    expect(exchange?.requestHeaders.get("content-type")).toBe("application/json");
    expect(exchange?.status).toBe(200);
  });

  test("a missing session token surfaces as a typed AuthenticationError with the iwERP error headers", async () => {
    expectRequestViolations(/security/i);
    // The client refuses a blank token, so the header is dropped on the wire to see what the server says.
    const { client, exchanges } = createContractClient({}, withoutHeader("x-session-token"));
    const error = await client.chatroomParticipants.add({ first_name: "Ada" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.status).toBe(401);
    if (targetIsMock) {
      expect(auth.code).toBe("401");
      expect(auth.messages).toEqual(["JWT expired"]);
    }
    expect(auth.message).toMatch(/POST .*\/api\/chat\/chatroom_participant failed with 401/);
    expect(exchanges[0]?.requestHeaders.has("x-session-token")).toBe(false);
  });

  writeTest("keeps the submitted fields and puts the participant into the chat room it names", async () => {
    const { client, exchanges } = createContractClient();
    const sent = { chatroom: targetChatroom(), first_name: "Contract", last_name: "Check" };
    const participant = await client.chatroomParticipants.add(sent);

    expect(exchanges[0]?.status).toBe(200);
    const violations = schemaViolations(add.okSchemaPointer, participant);
    expect(violations, `the 200 body against the spec: ${violations.join("; ")}`).toEqual([]);
    // The mock answers with its example whatever was sent; a real server must keep what it was given.
    if (!targetIsMock) expect(participant).toMatchObject(sent);
  });
});

describe("get_chatroom_participant_cget", () => {
  test("an API key goes as x-iw-jwt-token, with no session token, and the spec's apiKey scheme accepts it", async (context) => {
    if (!targetIsMock && process.env.IWERP_API_KEY === undefined) context.skip("a real target needs a real API key: set IWERP_API_KEY");
    const { client, exchanges } = createContractClient({ apiKey: CONTRACT_API_KEY });
    const page = await client.chatroomParticipants.list({ pageSize: 1 });

    expect(Array.isArray(page)).toBe(true);
    const [exchange] = exchanges;
    expect(exchange?.status).toBe(200);
    // Compared as a boolean so that a failure never prints the key.
    expect(exchange?.requestHeaders.get("x-iw-jwt-token") === CONTRACT_API_KEY, "x-iw-jwt-token carries the key").toBe(true);
    expect(exchange?.requestHeaders.has("x-session-token")).toBe(false);
    // No sl-violations (checked after every test): Prism found the request to meet the spec's security.
  });

  mockTest("listAll yields a full page once and stops at the next, which repeats it, with an InvalidResponseError", PAGES_OF_THE_MOCK, async () => {
    const { client, exchanges } = createContractClient();
    const pageSize = examplePage.length;
    const items: unknown[] = [];
    const walk = async () => {
      for await (const item of client.chatroomParticipants.listAll({ chatroom: "42", pageSize }, { maxItems: 3 * pageSize })) items.push(item);
    };

    await expect(walk()).rejects.toBeInstanceOf(InvalidResponseError);
    expect(items).toEqual(examplePage);
    expect(exchanges.map((e) => e.url.searchParams.get("page"))).toEqual(["0", "1"]);
    expect(exchanges.every((e) => e.url.searchParams.get("pageSize") === String(pageSize) && e.url.searchParams.get("chatroom") === "42")).toBe(true);
  });

  mockTest("listAll stops after a page with fewer items than pageSize", PAGES_OF_THE_MOCK, async () => {
    const { client, exchanges } = createContractClient();
    const items = [];
    for await (const item of client.chatroomParticipants.listAll({ page: 4, pageSize: examplePage.length + 1 })) items.push(item);

    expect(items).toEqual(examplePage);
    expect(exchanges.map((e) => e.url.searchParams.get("page"))).toEqual(["4"]);
  });
});
