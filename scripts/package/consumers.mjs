// @ts-check
/**
 * The consumer projects the tarball is installed into. The main ones (JavaScript, TypeScript with each
 * `moduleResolution`) store a participant on the stand-in (`IWERP_BASE_URL`, `IWERP_TOKEN`) and in the fake tenant;
 * the app-kit ones install the optional peers of `/testing/msw` and `/query` (msw 3 needs Node.js 22.12 or later).
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** What the main, testing and app-kit programs print when all went well. */
const MAIN_OUTPUT = "ok: participant 7 stored by Ada, and by Raw through iwerp-chat-client/raw; AuthenticationError (a IwErpError) for a wrong token";
const TESTING_OUTPUT = "ok: fake tenant stored participant 43 (2 in room 42, 2 over HTTP); AuthenticationError for a wrong token";
const APP_KIT_OUTPUT =
  "ok: 1 participant through chatQueries, 2 after the mutation, 2 in the app's own fetch through MSW; a request outside baseUrl refused by MSW";

/** The msw 3 the second app-kit project installs: pinned, so every run tests the same release. */
const MSW_3 = "msw@3.0.5";

/**
 * One consumer project: `peers` installed beside the tarball; `typescript`, the versions that compile it (7 only
 * type-checks); `on`, the runtimes its programs run on (`Node.js`: this one, else a name of lib/runtimes.mjs).
 * @typedef {{ name: string, title: string, files: Record<string, string>, peers: string[], typescript: ("5.9" | "7")[],
 *   programs: { file: string, title: string, expected: string }[], on: string[] }} Consumer
 */

/**
 * A program: `imports` (module → names) as `import` or `require()`, `head`, then `body` as `async function main()`,
 * run at once. `body` is TypeScript; the JavaScript formats drop its one annotation, `let failure: unknown;`.
 * @param {"js" | "cjs" | "ts"} format
 * @param {Record<string, string>} imports
 * @param {string} body
 * @param {string} [head]
 */
const program = (format, imports, body, head = "") => {
  const lines = Object.entries(imports).map(([from, names]) => (format === "cjs" ? `const { ${names} } = require("${from}");` : `import { ${names} } from "${from}";`));
  const main = format === "ts" ? `async function main(): Promise<void> {${body}}` : `async function main() {${body.replace("let failure: unknown;", "let failure;")}}`;
  return `${lines.join("\n")}\n${head}\n${main}\n\nmain().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
};

const MAIN_IMPORTS = { "iwerp-chat-client": "AuthenticationError, createChatClient, isIwErpError", "iwerp-chat-client/raw": "createRawClient" };

const MAIN_CALLS = `
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

/** The ES module program also loads the CommonJS build, as mixed apps do: `isIwErpError` must know its errors. */
const OTHER_BUILD = `import { createRequire } from "node:module";

const otherBuild = createRequire(import.meta.url)("iwerp-chat-client");
const foreign = new otherBuild.AuthenticationError({ method: "GET", url: "u", status: 401, code: undefined, messages: [], body: undefined, headers: {}, attempts: 1 }, "from the CommonJS build");
if (foreign instanceof AuthenticationError || !isIwErpError(foreign)) throw new Error("isIwErpError does not recognise an error of the CommonJS build");
`;

/** The program's types; its `@ts-expect-error`s fail if they were `any`. No `@types/node`: the types must not need it. */
const MAIN_TYPES = `import type { ChatClientOptions, ChatroomParticipant, ChatroomParticipantListQuery, ChatroomParticipantPayload, ListAllOptions } from "iwerp-chat-client";

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

const options: ChatClientOptions = { host: "acme.iw-erp.de", sessionToken: "t" };
const participant: ChatroomParticipantPayload = { chatroom: { id: 42 }, first_name: "Ada" };
// @ts-expect-error: first_name is a string in the spec.
const wrong: ChatroomParticipantPayload = { first_name: 42 };
const idOf = (stored: ChatroomParticipant): number => stored.id;
// An app's own optional settings, passed on as they are (exactOptionalPropertyTypes: every option is \`?: T | undefined\`,
// and so is every query parameter and every field of a write).
interface Settings { timeoutMs?: number | undefined; fetch?: typeof fetch | undefined; maxItems?: number | undefined; search?: string | undefined }
const fromSettings = (settings: Settings): [ChatClientOptions, ListAllOptions, ChatroomParticipantListQuery, ChatroomParticipantPayload] => [
  { host: "acme.iw-erp.de", sessionToken: "t", timeoutMs: settings.timeoutMs, fetch: settings.fetch },
  { maxItems: settings.maxItems },
  { chatroom: 42, searchString: settings.search },
  { chatroom: { id: 42 }, last_name: settings.search },
];
void [options, participant, wrong, idOf, fromSettings];
`;

const TESTING_IMPORTS = { "iwerp-chat-client": "AuthenticationError, createChatClient", "iwerp-chat-client/testing": "createFakeTenant, serveFakeTenant" };

const TESTING_CALLS = `
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

/** The testing entry's types, with `@ts-expect-error`s that fail the compilation if a line compiled. */
const TESTING_TYPES = `import { DEFAULT_SEED, FAKE_API_KEY } from "iwerp-chat-client/testing";
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
`;

/** @type {Record<string, string>} */
const APP_KIT_IMPORTS = {
  "iwerp-chat-client": "createChatClient",
  "iwerp-chat-client/query": "chatQueries",
  "iwerp-chat-client/testing": "createFakeTenant",
  "iwerp-chat-client/testing/msw": "fakeTenantHandlers",
  "@tanstack/query-core": "MutationObserver, QueryClient",
  "msw/node": "setupServer",
};

/** The app-kit program; a server outside `baseUrl` would answer a request MSW let through. @param {string} unhandled */
const appKitCalls = (unhandled) => `
  const { createServer } = await import("node:http");
  const outside = createServer((request, response) => response.end("outside"));
  await new Promise((resolve) => outside.listen(0, "127.0.0.1", resolve));
  const baseUrl = "https://acme.iw-erp.de";
  const tenant = createFakeTenant();
  const server = setupServer(...fakeTenantHandlers(tenant, { baseUrl }));
  server.listen({ ${unhandled}: "error" });
  try {
    // Made after listen(): the client takes the fetch MSW patched.
    const chat = createChatClient({ baseUrl, sessionToken: tenant.sessionToken, logger: false });
    const queryClient = new QueryClient();
    const queries = chatQueries(chat);
    const before = await queryClient.fetchQuery(queries.chatroomParticipants.list({ chatroom: "42" }));
    await new MutationObserver(queryClient, queries.chatroomParticipants.add()).mutate({ chatroom: { id: 42 }, first_name: "Grace" });
    const after = await queryClient.fetchQuery(queries.chatroomParticipants.list({ chatroom: "42" }));
    const answer = await fetch(\`\${baseUrl}/api/chat/chatroom_participant?chatroom=42\`, { headers: { "x-session-token": tenant.sessionToken } });
    const own = await answer.json();
    // Not the fake's: MSW's option decides, and "error" makes the fetch reject instead of reaching the server.
    const elsewhere = await fetch(\`http://127.0.0.1:\${outside.address().port}/api/chat/chatroom/42\`).then(() => "answered", () => "refused by MSW");
    console.log(\`ok: \${before.length} participant through chatQueries, \${after.length} after the mutation, \${own.length} in the app's own fetch through MSW; a request outside baseUrl \${elsewhere}\`);
  } finally {
    server.close();
    outside.close();
  }
`;

/** Type checks only (never run): the entries' real types, and `listen` takes the programs' option. @param {string} unhandled */
const appKitTypes = (unhandled) => `import { createChatClient, type ChatroomParticipantListItem } from "iwerp-chat-client";
import { chatQueries, type ChatQueryKey } from "iwerp-chat-client/query";
import { createFakeTenant } from "iwerp-chat-client/testing";
import { fakeTenantHandlers } from "iwerp-chat-client/testing/msw";
import { QueryClient } from "@tanstack/query-core";
import { setupServer } from "msw/node";

export async function typeChecks(): Promise<void> {
  const tenant = createFakeTenant();
  setupServer(...fakeTenantHandlers(tenant, { baseUrl: "https://acme.iw-erp.de" })).listen({ ${unhandled}: "error" });
  // @ts-expect-error: baseUrl is required.
  fakeTenantHandlers(tenant, {});
  const queries = chatQueries(createChatClient({ host: "acme.iw-erp.de", sessionToken: tenant.sessionToken }));
  const key: ChatQueryKey = queries.chatroomParticipants.list({ chatroom: "42" }).queryKey;
  const listed: ChatroomParticipantListItem[] = await new QueryClient().fetchQuery(queries.chatroomParticipants.list({ chatroom: "42" }));
  // An id filter takes a number or a string; pageSize only a number.
  queries.chatroomParticipants.list({ chatroom: 42 });
  // @ts-expect-error: pageSize is a number.
  queries.chatroomParticipants.list({ pageSize: "20" });
  void [key, listed];
}
`;

/**
 * A project's package.json and tsconfig.json; `type` undefined is CommonJS, as npm init leaves it.
 * @param {string} name
 * @param {"module" | undefined} type
 * @param {Record<string, unknown>} compilerOptions
 */
const projectFiles = (name, type, compilerOptions) => ({
  "package.json": `${JSON.stringify({ name: `consumer-${name}`, version: "1.0.0", private: true, ...(type ? { type } : {}) }, null, 2)}\n`,
  "tsconfig.json": `${JSON.stringify(
    {
      compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], types: [], strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, skipDefaultLibCheck: true, outDir: "out", rootDir: "src", ...compilerOptions },
      include: ["src"],
    },
    null,
    2,
  )}\n`,
});

/**
 * A TypeScript consumer: `src/main<ext>` and `src/testing<ext>` for each of `extensions`, compiled to `out/`.
 * @param {string} name
 * @param {string} title
 * @param {"module" | undefined} type
 * @param {Record<string, unknown>} compilerOptions the module settings under test.
 * @param {{ typescript?: Consumer["typescript"], extensions?: string[] }} [more] default: 5.9 and 7, `.ts`.
 * @returns {Consumer}
 */
const tsConsumer = (name, title, type, compilerOptions, { typescript = ["5.9", "7"], extensions = [".ts"] } = {}) => ({
  name,
  title,
  files: {
    ...projectFiles(name, type, compilerOptions),
    ...Object.fromEntries(extensions.flatMap((ext) => [[`src/main${ext}`, program("ts", MAIN_IMPORTS, MAIN_CALLS, MAIN_TYPES)], [`src/testing${ext}`, program("ts", TESTING_IMPORTS, TESTING_CALLS, TESTING_TYPES)]])),
  },
  peers: [],
  typescript,
  programs: extensions.flatMap((ext) => [
    { file: `out/main${ext.replace("t", "j")}`, title: `compiled ${ext}`, expected: MAIN_OUTPUT },
    { file: `out/testing${ext.replace("t", "j")}`, title: `compiled ${ext}, iwerp-chat-client/testing`, expected: TESTING_OUTPUT },
  ]),
  on: ["Node.js"],
});

/** @param {string} name @returns {string} `name@<the version this repository's tests use>` */
const tested = (name) => `${name}@${require(`${name}/package.json`).version}`;

/**
 * An app-kit project with `msw` and the tested @tanstack/query-core; `unhandled`: that msw's name for
 * `onUnhandledRequest` (msw 3 ignores msw 2's, so an unhandled request would reach the network).
 * @param {string} name
 * @param {string} msw
 * @param {string} unhandled
 * @param {string} runtime
 * @returns {Consumer}
 */
const appKit = (name, msw, unhandled, runtime) => ({
  name,
  title: `${msw} and @tanstack/query-core (the optional peers of testing/msw and query)`,
  files: {
    ...projectFiles(name, undefined, { module: "nodenext", moduleResolution: "nodenext", exactOptionalPropertyTypes: false, skipLibCheck: true, noEmit: true }),
    "app-kit.mjs": program("js", APP_KIT_IMPORTS, appKitCalls(unhandled)),
    "app-kit.cjs": program("cjs", APP_KIT_IMPORTS, appKitCalls(unhandled)),
    "src/app-kit.mts": appKitTypes(unhandled),
  },
  peers: [msw, tested("@tanstack/query-core")],
  typescript: ["5.9"],
  programs: [
    { file: "app-kit.mjs", title: "import iwerp-chat-client/testing/msw and iwerp-chat-client/query", expected: APP_KIT_OUTPUT },
    { file: "app-kit.cjs", title: "require() iwerp-chat-client/testing/msw and iwerp-chat-client/query", expected: APP_KIT_OUTPUT },
  ],
  on: [runtime],
});

/** The consumer projects, in the order their checks print. @type {Consumer[]} */
export const CONSUMERS = [
  {
    name: "js",
    title: "JavaScript",
    files: {
      "package.json": projectFiles("js", undefined, {})["package.json"],
      "esm.mjs": program("js", MAIN_IMPORTS, MAIN_CALLS, OTHER_BUILD),
      "cjs.cjs": program("cjs", MAIN_IMPORTS, MAIN_CALLS),
      "testing.mjs": program("js", TESTING_IMPORTS, TESTING_CALLS),
      "testing.cjs": program("cjs", TESTING_IMPORTS, TESTING_CALLS),
    },
    peers: [],
    typescript: [],
    programs: [
      { file: "esm.mjs", title: "import", expected: MAIN_OUTPUT },
      { file: "cjs.cjs", title: "require()", expected: MAIN_OUTPUT },
      { file: "testing.mjs", title: "import iwerp-chat-client/testing", expected: TESTING_OUTPUT },
      { file: "testing.cjs", title: "require() iwerp-chat-client/testing", expected: TESTING_OUTPUT },
    ],
    on: ["Node.js", "Node 22", "Node 24", "Bun"],
  },
  tsConsumer("ts-bundler", "TypeScript, moduleResolution bundler (ESM output)", "module", { module: "ESNext", moduleResolution: "Bundler" }),
  tsConsumer("ts-node16", "TypeScript, module node16 in a CommonJS package (CommonJS output)", undefined, { module: "Node16", moduleResolution: "Node16" }),
  // TypeScript 7 has no node10 resolution; 5.x finds the types through the package's `typesVersions`.
  tsConsumer("ts-node10", "TypeScript 5, moduleResolution node10 in a CommonJS package (CommonJS output)", undefined, { module: "CommonJS", moduleResolution: "Node10" }, { typescript: ["5.9"] }),
  tsConsumer("ts-nodenext", "TypeScript, module nodenext (ESM .mts and CommonJS .cts)", undefined, { module: "NodeNext", moduleResolution: "NodeNext" }, { extensions: [".mts", ".cts"] }),
  appKit("app-kit", tested("msw"), "onUnhandledRequest", "Node.js"),
  appKit("app-kit-msw3", MSW_3, "onUnhandledFrame", "Node 22"),
];
