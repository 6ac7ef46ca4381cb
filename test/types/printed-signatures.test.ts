import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { consumerProgram } from "../support/consumer-program.js";

/**
 * What a user of the client sees: a consumer file compiled with the TypeScript compiler API (strict, with
 * `exactOptionalPropertyTypes`), its methods' signatures printed as an editor's hover prints them, and the text of
 * the errors it gets. The `.test-d.ts` files check that types are equal; this checks that they are shown by name.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONSUMER = path.join(ROOT, "test", "types", "printed-signatures.consumer.ts");

const SOURCE = `
import { createChatClient, login, type ChatroomParticipant, type ChatroomParticipantListQuery } from "../../src/index.js";
import { chatQueries, type InvalidatingClient } from "../../src/query/index.js";
import { createFakeTenant, serveFakeTenant, type SeedMessage } from "../../src/testing/index.js";

const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken: "a-session-token" });

export const participants = chat.chatroomParticipants;
export const chatrooms = chat.chatrooms;
export const messages = chat.chatroomMessages;
export const customerReactions = chat.customerPortal.chatroomMessageReactions;

export async function identity(participant: ChatroomParticipant): Promise<number> {
  const stored = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
  const n: number = stored.id;
  return n + participant.id;
}

// An app that passes its own optional settings straight through, under exactOptionalPropertyTypes.
interface AppSettings {
  fetch?: typeof fetch | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  maxItems?: number | undefined;
  token?: string | undefined;
  search?: string | undefined;
  pageSize?: number | undefined;
  query?: ChatroomParticipantListQuery | undefined;
  lastName?: string | undefined;
  muted?: boolean | undefined;
  queryClient?: InvalidatingClient | undefined;
  intervalMs?: number | undefined;
  since?: number | undefined;
  softErrors?: boolean | undefined;
  port?: number | undefined;
  retryAfter?: number | undefined;
  messages?: SeedMessage[] | undefined;
}
export async function fromSettings(settings: AppSettings): Promise<void> {
  const client = createChatClient({ host: "acme.iw-erp.de", sessionToken: "a-session-token", fetch: settings.fetch, timeoutMs: settings.timeoutMs });
  await client.chatrooms.get(42, { signal: settings.signal, timeoutMs: settings.timeoutMs, retry: { maxAttempts: undefined } });
  for await (const p of client.chatroomParticipants.listAll({ chatroom: 42 }, { maxItems: settings.maxItems, signal: settings.signal })) void p;
  for await (const m of client.chatroomMessages.watch({ chatroom: 42 }, { intervalMs: settings.intervalMs, since: settings.since, signal: settings.signal })) void m;
  const { session } = await login({ host: "acme.iw-erp.de", username: "ada", password: "pw", token: settings.token, fetch: settings.fetch });
  // A login's session always has its token, which another client takes as it is.
  void createChatClient({ host: "acme.iw-erp.de", sessionToken: session.sessionid });
  // Query fields left undefined are dropped, as if left out.
  await client.chatroomParticipants.list({ chatroom: 42, searchString: settings.search, pageSize: settings.pageSize });
  for await (const m of client.chatroomMessages.listAll({ chatroom: 42, pageSize: settings.pageSize })) void m;
  await client.request("get_chatroom_participant_cget", { query: settings.query });
  void chatQueries(client, { queryClient: settings.queryClient }).chatroomParticipants.infiniteList({ chatroom: 42, searchString: settings.search, pageSize: settings.pageSize });
  // So are a body's fields.
  await client.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada", last_name: settings.lastName, is_muted: settings.muted });
  await client.chatrooms.update(42, { name: settings.search, participants: [{ id: 7, is_muted: settings.muted }] });
  await client.customerPortal.chatroomMessages.update(1001, { message_text: settings.search, attachments: [{ id: 9, filename: settings.search }] });
  await client.request("post_chatroom_participant_post", { body: { chatroom: { id: 42 }, nickname: settings.search } });
  // And the fake tenant's options, in an app's tests.
  const tenant = createFakeTenant({ softErrors: settings.softErrors, firstId: settings.maxItems });
  tenant.fail("get_chatroom_get", { status: 503, retryAfter: settings.retryAfter, times: settings.maxItems });
  tenant.insert({ messages: settings.messages });
  await (await serveFakeTenant(tenant, { port: settings.port })).close();
}

// WRONG REFERENCE
void chat.chatroomParticipants.add({ chatroom: 42 });
// WRONG MESSAGE REFERENCE
void chat.customerPortal.chatroomMessages.update(1001, { reactions: [7] });
`;

let program: ts.Program;
let checker: ts.TypeChecker;
let consumer: ts.SourceFile;

beforeAll(() => {
  program = consumerProgram(new Map([[CONSUMER, SOURCE]]), [CONSUMER]);
  checker = program.getTypeChecker();
  consumer = program.getSourceFile(CONSUMER)!;
}, 120_000);

/** The signatures of `exported`'s method `name`, printed as a hover shows them. */
function printedMethod(exported: string, name: string): string {
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(consumer)!).find((s) => s.name === exported)!;
  const type = checker.getTypeOfSymbolAtLocation(symbol, consumer);
  const method = checker.getPropertyOfType(type, name)!;
  const signatures = checker.getTypeOfSymbolAtLocation(method, consumer).getCallSignatures();
  const printed = signatures.map((signature) => `${name}${checker.signatureToString(signature, undefined, ts.TypeFormatFlags.NoTruncation)}`);
  // An optional parameter is printed with or without `| undefined` depending on where TypeScript got it from.
  return printed.join("\n").replace(/(\?: [A-Za-z]+) \| undefined/g, "$1");
}

/** The text of every error on the line after the comment `marker`. */
function errorsAfter(marker: string): string[] {
  const line = consumer.getLineAndCharacterOfPosition(SOURCE.indexOf(`// ${marker}`)).line + 1;
  return ts
    .getPreEmitDiagnostics(program, consumer)
    .filter((d) => d.file === consumer && d.start !== undefined && consumer.getLineAndCharacterOfPosition(d.start).line === line)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("signatures name the spec's types, as a hover shows them", () => {
  test("chatroomParticipants' methods take and return named types", () => {
    expect(printedMethod("participants", "add")).toBe("add(participant: ChatroomParticipantPayload, options?: CallOptions): Promise<ChatroomParticipant>");
    expect(printedMethod("participants", "update")).toBe(
      "update(id: Id, participant: ChatroomParticipantPayload, options?: CallOptions): Promise<ChatroomParticipant>",
    );
    expect(printedMethod("participants", "list")).toBe(
      "list(query?: ChatroomParticipantListQuery, options?: CallOptions): Promise<ChatroomParticipantListItem[]>",
    );
    expect(printedMethod("participants", "listAll")).toBe(
      "listAll(query?: ChatroomParticipantListQuery, options?: ListAllOptions): AsyncGenerator<ChatroomParticipantListItem, void, undefined>",
    );
    expect(printedMethod("participants", "delete")).toBe("delete(id: Id, options?: CallOptions): Promise<ChatroomParticipant>");
  });

  test("other resources' methods do too", () => {
    expect(printedMethod("chatrooms", "update")).toBe("update(id: Id, chatroom: ChatroomPayload, options?: CallOptions): Promise<Chatroom>");
    expect(printedMethod("messages", "get")).toBe("get(id: Id, options?: CallOptions): Promise<ChatroomMessage>");
    expect(printedMethod("customerReactions", "add")).toBe(
      "add(messageId: Id, reaction: CustomerChatroomMessageReactionPayload, options?: CallOptions): Promise<CustomerChatroomMessageReaction>",
    );
  });

  test("the consumer compiles but for the lines marked wrong: a returned record's id is a number without `!`, and optional settings, query filters and body fields pass straight through", () => {
    const wrongLines = ["WRONG REFERENCE", "WRONG MESSAGE REFERENCE"].map((marker) => consumer.getLineAndCharacterOfPosition(SOURCE.indexOf(`// ${marker}`)).line + 1);
    const others = ts
      .getPreEmitDiagnostics(program, consumer)
      .filter((d) => d.file !== consumer || d.start === undefined || !wrongLines.includes(consumer.getLineAndCharacterOfPosition(d.start).line))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(others).toEqual([]);
  });
});

describe("errors name the spec's types", () => {
  test("a wrong nested reference names ChatroomRefPayload (the reference a write sends), not its structure", () => {
    const errors = errorsAfter("WRONG REFERENCE");

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'ChatroomRefPayload'");
    expect(errors[0]).not.toContain("created?:");
  });

  test("a wrong item of a nested list names the item's type", () => {
    const errors = errorsAfter("WRONG MESSAGE REFERENCE");

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'CustomerChatroomMessageReactionPayload'");
  });
});
