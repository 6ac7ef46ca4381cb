// @ts-check
/**
 * Programs that use the package's second entry, `iwerp-chat-client/testing`, added to each consumer project of
 * `consumers.mjs` (so one install serves both entries): a fake tenant serves a client of the main entry, which
 * adds a participant, lists the room and gets an `AuthenticationError` for a wrong token, all without a
 * server; then `serveFakeTenant` serves the same fake on 127.0.0.1 and the room is listed over HTTP.
 */
import { RUN_MAIN, untyped } from "./consumers.mjs";

/** What every program of the testing entry prints when all went well. */
export const TESTING_OUTPUT = "ok: fake tenant stored participant 43 (2 in room 42, 2 over HTTP); AuthenticationError for a wrong token";

/**
 * The calls, as the body of `async function main()`; `AuthenticationError`, `createChatClient`,
 * `createFakeTenant` and `serveFakeTenant` are in scope.
 */
const CALLS = `
  if (typeof createFakeTenant !== "function") throw new Error("createFakeTenant is not a function");
  const tenant = createFakeTenant();
  const baseUrl = "https://acme.iw-erp.de";
  const chat = createChatClient({ baseUrl, sessionToken: tenant.sessionToken, fetch: tenant.fetch, logger: false });
  const added = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" });
  const listed = await chat.chatroomParticipants.list({ chatroom: "42" });
  let failure: unknown;
  try {
    await createChatClient({ baseUrl, sessionToken: "wrong-session-token", fetch: tenant.fetch, logger: false }).chatrooms.get(42);
  } catch (error) {
    failure = error;
  }
  if (!(failure instanceof AuthenticationError)) throw new Error(\`expected an AuthenticationError, got \${String(failure)}\`);
  if (typeof serveFakeTenant !== "function") throw new Error("serveFakeTenant is not a function");
  const server = await serveFakeTenant(tenant);
  const overHttp = await createChatClient({ baseUrl: server.url, sessionToken: tenant.sessionToken, logger: false }).chatroomParticipants.list({ chatroom: "42" });
  await server.close();
  console.log(\`ok: fake tenant stored participant \${added.id} (\${listed.length} in room 42, \${overHttp.length} over HTTP); \${failure.name} for a wrong token\`);
`;

const ESM_JS = `import { AuthenticationError, createChatClient } from "iwerp-chat-client";
import { createFakeTenant, serveFakeTenant } from "iwerp-chat-client/testing";

async function main() {${untyped(CALLS)}}

${RUN_MAIN}`;

const CJS_JS = `const { AuthenticationError, createChatClient } = require("iwerp-chat-client");
const { createFakeTenant, serveFakeTenant } = require("iwerp-chat-client/testing");

async function main() {${untyped(CALLS)}}

${RUN_MAIN}`;

/**
 * The TypeScript program: the options and records typed by the package, and `@ts-expect-error`s that prove the
 * types are the real ones (each fails the compilation if its line compiled, e.g. if `fail` took any string).
 */
const TS_PROGRAM = `import { AuthenticationError, createChatClient } from "iwerp-chat-client";
import { createFakeTenant, DEFAULT_SEED, FAKE_API_KEY, serveFakeTenant } from "iwerp-chat-client/testing";
import type { FakeFault, FakeRecords, FakeTenantOptions, FakeTenantServer } from "iwerp-chat-client/testing";

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

// Type checks only: never called.
function typeChecks(): void {
  const options: FakeTenantOptions = { seed: DEFAULT_SEED, firstId: 43, checkReferences: true, softErrors: true, apiKeys: [FAKE_API_KEY], customerSessions: ["c"] };
  const fault: FakeFault = { status: 503, retryAfter: 1, soft: false };
  const served: Promise<FakeTenantServer> = serveFakeTenant(createFakeTenant(options), { port: 0, host: "127.0.0.1" });
  // @ts-expect-error: port is a number.
  void serveFakeTenant(createFakeTenant(), { port: "4010" });
  const names = (records: FakeRecords): Array<string | undefined> => records.participants.map((p) => p.first_name);
  // @ts-expect-error: fail takes an operationId of the spec.
  createFakeTenant(options).fail("get_everything", fault);
  // @ts-expect-error: first_name is a string in the spec.
  createFakeTenant({ seed: { participants: [{ first_name: 42 }] } });
  void names;
  void served;
}
void typeChecks;

async function main(): Promise<void> {${CALLS}}

${RUN_MAIN}`;

/**
 * The files and programs each consumer gets for the testing entry, by consumer name.
 * @type {Record<string, { files: Record<string, string>, programs: { file: string, title: string }[] }>}
 */
const ADDITIONS = {
  js: {
    files: { "testing.mjs": ESM_JS, "testing.cjs": CJS_JS },
    programs: [
      { file: "testing.mjs", title: "import iwerp-chat-client/testing" },
      { file: "testing.cjs", title: "require() iwerp-chat-client/testing" },
    ],
  },
  "ts-bundler": { files: { "src/testing.ts": TS_PROGRAM }, programs: [{ file: "out/testing.js", title: "compiled, iwerp-chat-client/testing" }] },
  "ts-node16": { files: { "src/testing.ts": TS_PROGRAM }, programs: [{ file: "out/testing.js", title: "compiled, iwerp-chat-client/testing" }] },
  "ts-node10": { files: { "src/testing.ts": TS_PROGRAM }, programs: [{ file: "out/testing.js", title: "compiled, iwerp-chat-client/testing" }] },
  "ts-nodenext": {
    files: { "src/testing.mts": TS_PROGRAM, "src/testing.cts": TS_PROGRAM },
    programs: [
      { file: "out/testing.mjs", title: "compiled .mts, iwerp-chat-client/testing" },
      { file: "out/testing.cjs", title: "compiled .cts, iwerp-chat-client/testing" },
    ],
  },
};

/**
 * A consumer with the programs of the testing entry added; each added program says what it must print.
 * Throws for a consumer it has no programs for, so that a new consumer cannot skip the second entry unnoticed.
 * @param {import("./consumers.mjs").Consumer} consumer
 * @returns {import("./consumers.mjs").Consumer & { programs: { file: string, title: string, expected?: string }[] }}
 */
export function withTestingEntry(consumer) {
  const added = ADDITIONS[consumer.name];
  if (added === undefined) throw new Error(`testing-entry.mjs has no programs for the consumer "${consumer.name}"; add them`);
  return {
    ...consumer,
    files: { ...consumer.files, ...added.files },
    programs: [...consumer.programs, ...added.programs.map((program) => ({ ...program, expected: TESTING_OUTPUT }))],
  };
}
