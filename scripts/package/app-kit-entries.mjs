// @ts-check
/**
 * The entries for app developers with optional peers, `iwerp-chat-client/testing/msw` and `iwerp-chat-client/query`,
 * from the tarball: a fresh project installs it with msw 2 and @tanstack/query-core (the versions this repository
 * tests with, so npm's cache serves them), then an ES module and a CommonJS program each put the fake tenant behind
 * MSW's `setupServer`, read the room through `chatQueries` and a `QueryClient`, add a participant with a mutation
 * and see it in the app's own `fetch`; a TypeScript program is type-checked against the entries' types (nodenext).
 * A second fresh project does the same with msw 3 (pinned, `MSW_3`), whose programs run on the runtime matrix's
 * pinned Node.js 22 (runtimes.mjs): msw 3 needs Node.js 22.12 or later, and this repository's tests run msw 2.
 * The main consumers (consumers.mjs) stay without these peers: an app that does not use the entries gets none.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { TSC_5 } from "../lib/paths.mjs";
import { run } from "../lib/run.mjs";

const require = createRequire(import.meta.url);

/** What each program prints when all went well. */
export const APP_KIT_OUTPUT =
  "ok: 1 participant through chatQueries, 2 after the mutation, 2 in the app's own fetch through MSW; a request outside baseUrl refused by MSW";

/** @param {string} name @returns {string} `name@<the version this repository's tests use>` */
const tested = (name) => `${name}@${require(`${name}/package.json`).version}`;

/** The peers installed beside the tarball: the versions this repository's tests use. */
const PEERS = [tested("msw"), tested("@tanstack/query-core")];

/** msw 2's `listen` option for requests no handler takes. */
const MSW_2_UNHANDLED = "onUnhandledRequest";

/**
 * The msw 3 the second project installs instead of the repository's msw 2: pinned, so every run tests the same
 * release; raise it to check a newer 3.x (it needs Node.js 22.12 or later, so its programs run on `MSW_3_NODE`).
 */
const MSW_3 = "msw@3.0.5";

/** The runtime (prepareRuntimes' name) the msw 3 programs run on: the pinned Node.js 22 of lib/runtimes.mjs. */
const MSW_3_NODE = "Node 22";

/** msw 3's name for `onUnhandledRequest`: msw 3 ignores the old name, so an unhandled request would reach the network. */
const MSW_3_UNHANDLED = "onUnhandledFrame";

/**
 * The calls, as the body of `async function main()`; the entries' exports, `setupServer` and `QueryClient`/`MutationObserver`
 * are in scope. A server on 127.0.0.1 outside `baseUrl` would answer a request MSW let through.
 * @param {string} unhandled the name of the `listen` option for requests no handler takes.
 */
const calls = (unhandled) => `
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

const RUN_MAIN = `main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** @param {string} unhandled */
const esmProgram = (unhandled) => `import { createChatClient } from "iwerp-chat-client";
import { chatQueries } from "iwerp-chat-client/query";
import { createFakeTenant } from "iwerp-chat-client/testing";
import { fakeTenantHandlers } from "iwerp-chat-client/testing/msw";
import { MutationObserver, QueryClient } from "@tanstack/query-core";
import { setupServer } from "msw/node";

async function main() {${calls(unhandled)}}

${RUN_MAIN}`;

/** @param {string} unhandled */
const cjsProgram = (unhandled) => `const { createChatClient } = require("iwerp-chat-client");
const { chatQueries } = require("iwerp-chat-client/query");
const { createFakeTenant } = require("iwerp-chat-client/testing");
const { fakeTenantHandlers } = require("iwerp-chat-client/testing/msw");
const { MutationObserver, QueryClient } = require("@tanstack/query-core");
const { setupServer } = require("msw/node");

async function main() {${calls(unhandled)}}

${RUN_MAIN}`;

/**
 * Type checks only (never run): the entries' types are the real ones, and `listen` takes the option the programs pass.
 * @param {string} unhandled
 */
const tsProgram = (unhandled) => `import { createChatClient, type ChatroomParticipantListItem } from "iwerp-chat-client";
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

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "ES2022", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true },
    include: ["src"],
  },
  null,
  2,
)}\n`;

/**
 * One fresh project: the tarball with `peers` installed into `<work>/<name>`, the TypeScript program type-checked,
 * the ES module and CommonJS programs run on `node`; `unhandled` is the peer msw's name for `onUnhandledRequest`.
 * @param {{ tarball: string, work: string, name: string, peers: string[], unhandled: string, node: { title: string, bin: string } }} project
 * @param {(name: string, fn: () => Promise<string | { fail: string } | { skip: string }>) => Promise<import("./check-package.mjs").Check>} check
 * @returns {Promise<import("./check-package.mjs").Check[]>}
 */
async function checkProject({ tarball, work, name, peers, unhandled, node }, check) {
  const dir = path.join(work, `consumer-${name}`);
  const files = {
    "package.json": `${JSON.stringify({ name: `consumer-${name}`, version: "1.0.0", private: true }, null, 2)}\n`,
    "app-kit.mjs": esmProgram(unhandled),
    "app-kit.cjs": cjsProgram(unhandled),
    "tsconfig.json": TSCONFIG,
    "src/app-kit.mts": tsProgram(unhandled),
  };
  const install = await check(`${name}: npm install <tarball> ${peers.join(" ")} (the optional peers of testing/msw and query)`, async () => {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const result = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...peers], { cwd: dir });
    if (result.code !== 0) return { fail: result.output };
    // The programs below test the msw that is there, so it must be the one asked for.
    const msw = JSON.parse(await readFile(path.join(dir, "node_modules", "msw", "package.json"), "utf8")).version;
    const wanted = peers.find((peer) => peer.startsWith("msw@"));
    return wanted === `msw@${msw}` ? `installed, msw ${msw}` : { fail: `node_modules holds msw ${msw}, not ${wanted}` };
  });
  if (install.status !== "pass") return [install];
  const checks = [install];
  checks.push(
    await check(`${name}: type-checks src/app-kit.mts against the entries' types (TypeScript 5.9, nodenext)`, async () => {
      const result = await run(process.execPath, [TSC_5, "-p", "tsconfig.json", "--pretty", "false"], { cwd: dir });
      return result.code === 0 ? "no errors" : { fail: result.output };
    }),
  );
  for (const { file, how } of [
    { file: "app-kit.mjs", how: "import" },
    { file: "app-kit.cjs", how: "require()" },
  ]) {
    checks.push(
      await check(`${name}: ${how} iwerp-chat-client/testing/msw and iwerp-chat-client/query (${file}) on ${node.title}`, async () => {
        const result = await run(node.bin, [file], { cwd: dir, limitMs: 60_000 });
        if (result.code !== 0 || result.stdout.trim() !== APP_KIT_OUTPUT) return { fail: `exit code ${result.code}, expected output "${APP_KIT_OUTPUT}":\n${result.output}` };
        return `MSW served the fake to the client and the app's fetch; the query options read, wrote and refetched; ${unhandled}: "error" refused a request outside baseUrl`;
      }),
    );
  }
  return checks;
}

/**
 * Checks the entries in two fresh projects side by side: `consumer-app-kit` with the repository's msw 2 on this
 * Node.js, `consumer-app-kit-msw3` with `MSW_3` on `MSW_3_NODE` (skipped where that runtime is, failed where it
 * could not be installed).
 * @param {{ tarball: string, work: string, runtimes: Promise<import("./runtimes.mjs").Runtime[]> }} context
 * @param {(name: string, fn: () => Promise<string | { fail: string } | { skip: string }>) => Promise<import("./check-package.mjs").Check>} check
 * @returns {Promise<import("./check-package.mjs").Check[]>}
 */
export async function checkAppKitEntries({ tarball, work, runtimes }, check) {
  const msw3 = async () => {
    const name = "app-kit-msw3";
    const runtime = (await runtimes).find((candidate) => candidate.name === MSW_3_NODE);
    if (!runtime || !("bin" in runtime)) {
      const problem = runtime?.problem ?? `no runtime ${MSW_3_NODE}`;
      return [await check(`${name}: ${MSW_3} on ${MSW_3_NODE}`, async () => (runtime?.skipped ? { skip: problem } : { fail: problem }))];
    }
    return checkProject({ tarball, work, name, peers: [MSW_3, tested("@tanstack/query-core")], unhandled: MSW_3_UNHANDLED, node: { title: `${runtime.name} (${runtime.version})`, bin: runtime.bin } }, check);
  };
  const groups = await Promise.all([
    checkProject({ tarball, work, name: "app-kit", peers: PEERS, unhandled: MSW_2_UNHANDLED, node: { title: `Node.js ${process.versions.node}`, bin: process.execPath } }, check),
    msw3(),
  ]);
  return groups.flat();
}
