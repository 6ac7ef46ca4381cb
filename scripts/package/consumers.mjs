// @ts-check
/**
 * The fresh consumer projects the tarball is installed into, one folder each. Every program makes the same
 * three real calls against the participant server (`IWERP_BASE_URL`, token `IWERP_TOKEN`): one that stores a
 * participant, the same through `createRawClient` of the `iwerp-chat-client/raw` entry, and one with a wrong token
 * that must throw `AuthenticationError`, and prints `EXPECTED_OUTPUT`.
 */

/** What every consumer program prints when all went well. */
export const EXPECTED_OUTPUT = "ok: participant 7 stored by Ada, and by Raw through iwerp-chat-client/raw; AuthenticationError (a IwErpError) for a wrong token";

/**
 * One consumer project: its files, the TypeScript compilation if any, and the programs to run (paths in
 * the project; `otherRuntimes`: also on Node.js 22/24 and Bun).
 * @typedef {{
 *   name: string,
 *   title: string,
 *   files: Record<string, string>,
 *   typescript: boolean,
 *   programs: { file: string, title: string }[],
 *   otherRuntimes: boolean,
 *   typeScript5Only?: boolean,
 * }} Consumer
 */

/**
 * The calls, as the body of `async function main()`; `AuthenticationError`, `createChatClient`, `createRawClient`
 * and `isIwErpError` are in scope.
 */
const CALLS = `
  const baseUrl = process.env.IWERP_BASE_URL;
  const sessionToken = process.env.IWERP_TOKEN;
  if (!baseUrl || !sessionToken) throw new Error("IWERP_BASE_URL and IWERP_TOKEN must be set");
  if (typeof createChatClient !== "function") throw new Error("createChatClient is not a function");
  const chat = createChatClient({ baseUrl, sessionToken, logger: false });
  const stored = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
  if (typeof createRawClient !== "function") throw new Error("createRawClient is not a function");
  const raw = await createRawClient(chat).POST("/api/chat/chatroom_participant", { body: { data: { first_name: "Raw" } } });
  if (raw.response.status !== 200) throw new Error(\`iwerp-chat-client/raw: expected 200, got \${raw.response.status}\`);
  let failure: unknown;
  try {
    await createChatClient({ baseUrl, sessionToken: "wrong-session-token", logger: false, retry: false }).chatroomParticipants.add({ first_name: "Eve" });
  } catch (error) {
    failure = error;
  }
  if (!(failure instanceof AuthenticationError) || !isIwErpError(failure)) throw new Error(\`expected an AuthenticationError, got \${String(failure)}\`);
  console.log(\`ok: participant \${stored.id} stored by \${stored.first_name}, and by \${raw.data?.first_name} through iwerp-chat-client/raw; \${failure.name} (a IwErpError) for a wrong token\`);
`;

/** The `main()` call: exit code 1 with the error when anything failed. */
export const RUN_MAIN = `main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** @param {string} code TypeScript of a program's calls. @returns {string} the same as JavaScript. */
export const untyped = (code) => code.replace("let failure: unknown;", "let failure;");

/**
 * An ES module program, plain JavaScript. It also loads the CommonJS build beside the ES module one, as an app
 * with both kinds of code does, and checks that `isIwErpError` recognises the other build's errors.
 */
const ESM_JS = `import { createRequire } from "node:module";
import { AuthenticationError, createChatClient, isIwErpError } from "iwerp-chat-client";
import { createRawClient } from "iwerp-chat-client/raw";

const otherBuild = createRequire(import.meta.url)("iwerp-chat-client");
const foreign = new otherBuild.AuthenticationError({ method: "GET", url: "u", status: 401, code: undefined, messages: [], body: undefined, headers: {}, attempts: 1 }, "from the CommonJS build");
if (foreign instanceof AuthenticationError || !isIwErpError(foreign)) throw new Error("isIwErpError does not recognise an error of the CommonJS build");

async function main() {${untyped(CALLS)}}

${RUN_MAIN}`;

/** A CommonJS program, plain JavaScript. */
const CJS_JS = `const { AuthenticationError, createChatClient, isIwErpError } = require("iwerp-chat-client");
const { createRawClient } = require("iwerp-chat-client/raw");

async function main() {${untyped(CALLS)}}

${RUN_MAIN}`;

/**
 * The TypeScript program: values and types from the package, a participant to send typed
 * `ChatroomParticipantPayload`, a stored one's `id` read as a number (the spec requires it in responses), an
 * app's optional settings passed straight through (compiled with `exactOptionalPropertyTypes`), and
 * `@ts-expect-error`s that prove the types are the real ones (they fail the compilation if they were `any`).
 * No `@types/node` in the consumer: it declares the little of `process` it uses, so the package's types
 * must not need Node's.
 */
const TS_PROGRAM = `import { AuthenticationError, createChatClient, isIwErpError } from "iwerp-chat-client";
import type { ChatClientOptions, ChatroomParticipant, ChatroomParticipantPayload, ListAllOptions } from "iwerp-chat-client";
import { createRawClient } from "iwerp-chat-client/raw";

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

const options: ChatClientOptions = { host: "acme.iw-erp.de", sessionToken: "t" };
const participant: ChatroomParticipantPayload = { chatroom: { id: 42 }, first_name: "Ada" };
// @ts-expect-error: first_name is a string in the spec.
const wrong: ChatroomParticipantPayload = { first_name: 42 };
const idOf = (stored: ChatroomParticipant): number => stored.id;
// An app's own optional settings, passed on as they are (exactOptionalPropertyTypes: every option is \`?: T | undefined\`).
interface Settings { timeoutMs?: number | undefined; fetch?: typeof fetch | undefined; maxItems?: number | undefined }
const fromSettings = (settings: Settings): [ChatClientOptions, ListAllOptions] => [
  { host: "acme.iw-erp.de", sessionToken: "t", timeoutMs: settings.timeoutMs, fetch: settings.fetch },
  { maxItems: settings.maxItems },
];
void [options, participant, wrong, idOf, fromSettings];

async function main(): Promise<void> {${CALLS}}

${RUN_MAIN}`;

/**
 * A consumer's tsconfig.json.
 * @param {Record<string, unknown>} compilerOptions the module settings under test.
 */
const tsconfig = (compilerOptions) =>
  `${JSON.stringify(
    {
      compilerOptions: {
        ...compilerOptions,
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        types: [],
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        skipDefaultLibCheck: true,
        outDir: "out",
        rootDir: "src",
      },
      include: ["src"],
    },
    null,
    2,
  )}\n`;

/**
 * A consumer's package.json.
 * @param {string} name
 * @param {"module" | undefined} type undefined: CommonJS, as npm init leaves it.
 */
const manifest = (name, type) => `${JSON.stringify({ name, version: "1.0.0", private: true, ...(type ? { type } : {}) }, null, 2)}\n`;

/**
 * A TypeScript consumer with one program, `src/main.ts`, compiled to `out/main.js`.
 * @param {string} name
 * @param {string} title
 * @param {"module" | undefined} type the package's `type`.
 * @param {Record<string, unknown>} compilerOptions the module settings under test.
 * @returns {Consumer}
 */
const tsConsumer = (name, title, type, compilerOptions) => ({
  name,
  title,
  files: { "package.json": manifest(`consumer-${name}`, type), "tsconfig.json": tsconfig(compilerOptions), "src/main.ts": TS_PROGRAM },
  typescript: true,
  programs: [{ file: "out/main.js", title: "compiled" }],
  otherRuntimes: false,
});

/** @type {Consumer[]} */
export const CONSUMERS = [
  {
    name: "js",
    title: "JavaScript",
    files: { "package.json": manifest("consumer-js", undefined), "esm.mjs": ESM_JS, "cjs.cjs": CJS_JS },
    typescript: false,
    programs: [
      { file: "esm.mjs", title: "import" },
      { file: "cjs.cjs", title: "require()" },
    ],
    otherRuntimes: true,
  },
  tsConsumer("ts-bundler", "TypeScript, moduleResolution bundler (ESM output)", "module", { module: "ESNext", moduleResolution: "Bundler" }),
  tsConsumer("ts-node16", "TypeScript, module node16 in a CommonJS package (CommonJS output)", undefined, { module: "Node16", moduleResolution: "Node16" }),
  // TypeScript 7 has no node10 resolution; 5.x finds the types through the package's `typesVersions`.
  {
    ...tsConsumer("ts-node10", "TypeScript 5, moduleResolution node10 in a CommonJS package (CommonJS output)", undefined, { module: "CommonJS", moduleResolution: "Node10" }),
    typeScript5Only: true,
  },
  {
    name: "ts-nodenext",
    title: "TypeScript, module nodenext (ESM main.mts and CommonJS main.cts)",
    files: {
      "package.json": manifest("consumer-ts-nodenext", undefined),
      "tsconfig.json": tsconfig({ module: "NodeNext", moduleResolution: "NodeNext" }),
      "src/main.mts": TS_PROGRAM,
      "src/main.cts": TS_PROGRAM,
    },
    typescript: true,
    programs: [
      { file: "out/main.mjs", title: "compiled .mts" },
      { file: "out/main.cjs", title: "compiled .cts" },
    ],
    otherRuntimes: false,
  },
];
