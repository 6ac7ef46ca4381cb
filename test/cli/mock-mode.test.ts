import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { TestProject } from "vitest/node";
import setup from "../support/contract/global-setup.js";
import { runMockMode } from "../../scripts/contract-check/mock-mode.mjs";
import { parseOptions } from "../../scripts/contract-check/options.mjs";
import { runContractCheckBin, runEnv, SKIP_STATIC } from "../support/run-contract-check.js";
import { OPERATIONS } from "../../generated/operations.js";

/*
 * `npm run contract` starts its Prism mock at once, beside vitest's start-up and the static checks, and hands it to
 * the contract suite's global setup (`IWERP_CONTRACT_MOCK_URL`), which then starts none; the command stops it at the
 * end, whatever the outcome, and a command stopped by a signal leaves no Prism behind.
 */

const MOCK_MODE = path.resolve(import.meta.dirname, "../../scripts/contract-check/mock-mode.mjs");
const OPTIONS = path.resolve(import.meta.dirname, "../../scripts/contract-check/options.mjs");

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(tmpdir(), "iwerp-mock-mode-"));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/** Resolves once nothing accepts a connection at `url` any more (a process killed a moment ago may still be dying). */
async function closed(url: string): Promise<void> {
  for (;;) {
    const refused = await fetch(url).then(() => false, () => true);
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("the suite gets the mock mode's Prism, already listening, and the Prism is stopped when the suite has failed", async () => {
  const options = parseOptions(SKIP_STATIC, {});
  let variables: Record<string, string | undefined> = {};
  let status = 0;
  const run = runMockMode(options, { print: () => {}, logDir, stdout: new PassThrough(), stderr: new PassThrough() }, async (suite) => {
    variables = await suite.variables;
    status = (await fetch(`${variables.IWERP_CONTRACT_MOCK_URL}/api/chat/chatroom/42`)).status;
    throw new Error("the suite broke");
  });

  await expect(run).rejects.toThrow("the suite broke");
  expect(variables).toEqual({ IWERP_CONTRACT_MOCK_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), IWERP_CONTRACT_DYNAMIC_SEED: "4242", IWERP_CONTRACT_LOG_DIR: logDir });
  // Prism answered (a 401: the request has no session token), with its log in the run's log folder.
  expect(status).toBe(401);
  expect(await readFile(path.join(logDir, "prism-mock.log"), "utf8")).toContain("Prism is listening on");
  await expect(fetch(variables.IWERP_CONTRACT_MOCK_URL!)).rejects.toThrow();
});

test("an operation of the spec that no test ran for fails the run, named: against the mock every operation is checked, so its tests were lost on the way", async () => {
  const options = parseOptions(SKIP_STATIC, {});
  // A suite that reports the tests of one operation and no error, as one whose other test file did not load and
  // went unreported would.
  const report = await runMockMode(options, { print: () => {}, logDir, stdout: new PassThrough(), stderr: new PassThrough() }, async () => ({
    tests: [{ operation: "get_chatroom_get", file: "contract-tests/spec-operations.test.ts", name: "accepts it", state: "passed", ms: 1, errors: [], violations: [] }],
    errors: [],
    ms: 1,
  }));

  expect(report.operations?.filter((op) => op.status === "not checked")).toHaveLength(Object.keys(OPERATIONS).length - 1);
  expect(report.errors).toEqual([expect.stringMatching(/^No contract test ran for put_chatroom_put, get_chatroom_participant_cget, .*, get_api_token_create_jwt_action, although the mock answers every operation\.$/)]);
  expect(report.errors[0]).not.toContain("get_chatroom_get,");
});

test("the contract suite's global setup takes the Prism named by IWERP_CONTRACT_MOCK_URL and starts none", async () => {
  const saved = process.env.IWERP_CONTRACT_MOCK_URL;
  process.env.IWERP_CONTRACT_MOCK_URL = "http://127.0.0.1:9";
  const provided: Record<string, unknown> = {};
  try {
    const teardown = await setup({ provide: (key: string, value: unknown) => (provided[key] = value) } as unknown as TestProject);
    await teardown();
  } finally {
    if (saved === undefined) delete process.env.IWERP_CONTRACT_MOCK_URL;
    else process.env.IWERP_CONTRACT_MOCK_URL = saved;
  }

  expect(provided.contractTargets).toMatchObject([
    { name: "static Prism", baseUrl: "http://127.0.0.1:9" },
    { name: "dynamic Prism, seed 4242", baseUrl: "http://127.0.0.1:9", prefer: "dynamic=true" },
    { name: "fake tenant", inProcessFetch: "fake-tenant" },
  ]);
});

test("a run stopped by SIGTERM before vitest has started (or after it closed) exits 143 and leaves no Prism listening", async () => {
  // The mock mode in a process of its own, with a suite that never ends and loads no vitest (whose own handlers
  // would exit too): only the mock mode's handling stands between the signal and an orphaned Prism.
  const script = [
    `import { PassThrough } from "node:stream";`,
    `import { runMockMode } from ${JSON.stringify(MOCK_MODE)};`,
    `import { parseOptions } from ${JSON.stringify(OPTIONS)};`,
    `const io = { print: () => {}, logDir: ${JSON.stringify(logDir)}, stdout: new PassThrough(), stderr: new PassThrough() };`,
    `await runMockMode(parseOptions(${JSON.stringify(SKIP_STATIC)}, {}), io, async ({ variables }) => {`,
    `  console.log((await variables).IWERP_CONTRACT_MOCK_URL);`,
    `  return new Promise(() => {});`,
    `});`,
  ].join("\n");
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())));
  expect((await fetch(url)).status, "Prism answers before the signal").toBeGreaterThan(0);
  child.kill("SIGTERM");

  expect(await exited).toBe(143);
  await closed(url);
});

test("the command stopped by SIGTERM in the mock mode leaves no temporary log folder behind", async () => {
  // The run's temporary folders go into logDir, which is empty before it starts.
  const run = await runContractCheckBin(SKIP_STATIC, {
    env: { ...runEnv(), TMPDIR: logDir },
    onSpawn: (child) => {
      // The static checks' lines come once the mock mode has started (its Prism and the suite beside them).
      child.stdout?.on("data", (chunk: Buffer) => void (String(chunk).includes("Static checks") && child.kill("SIGTERM")));
    },
  });

  expect(run.code, run.out + run.err).toBe(143);
  expect((await readdir(logDir)).filter((name) => name.startsWith("iwerp-"))).toEqual([]);
});
