#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: TypeScript 7's `tsc -p .` and the vitest projects `unit` and `contract` (`--all`: every project) side by
 * side; tsc's report only when it failed. The LAST line says how the run went, naming what failed; exit code 1 if
 * either failed. Extra arguments go to vitest. `IWERP_TEST_VITEST_CONFIG` and `IWERP_TEST_TSCONFIG` point it at a
 * fixture project (test/scripts/); without them it refuses (exit 2) to run inside vitest or another `npm test`.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { summaryLine } from "./lib/test-summary.mjs";
import { BIN_DIR, ROOT, TSC } from "./lib/paths.mjs";

const REPORTER = path.join(ROOT, "scripts", "lib", "test-summary.mjs");

/**
 * Runs a program (not with lib/run.mjs: vitest's output passes through, and the children are signalled below).
 * @param {string} command
 * @param {string[]} args
 * @param {{ capture: boolean, env?: NodeJS.ProcessEnv }} options
 * @returns {{ child: import("node:child_process").ChildProcess, done: Promise<{ code: number, output: string }> }}
 */
function run(command, args, { capture, env }) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const done = new Promise((resolve) => {
    child.on("error", (error) => resolve({ code: 127, output: `${output}${error.message}\n` }));
    // A child ended by a signal has no exit code; count it as 128 + the signal's number, as a shell would.
    child.on("close", (code, signal) => resolve({ code: code ?? (signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 1), output }));
  });
  return { child, done: /** @type {Promise<{ code: number, output: string }>} */ (done) };
}

const vitestConfig = process.env.IWERP_TEST_VITEST_CONFIG;
const tsconfig = process.env.IWERP_TEST_TSCONFIG;
if (!vitestConfig && (process.env.VITEST || process.env.IWERP_NPM_TEST)) {
  console.error("npm test: refused — started from inside vitest or another npm test, it would run the whole suite within itself. Set IWERP_TEST_VITEST_CONFIG to the config of a fixture project.");
  process.exit(2);
}

const started = performance.now();
// Outside the working tree, so that a run leaves `git status` clean.
const summaryDir = await mkdtemp(path.join(tmpdir(), "iwerp-npm-test-"));
const summaryFile = path.join(summaryDir, "vitest-summary.json");
const all = process.argv.includes("--all");
const userArgs = process.argv.slice(2).filter((arg) => arg !== "--all");
const FAST_PROJECTS = ["--project=unit", "--project=contract"];
const projects = all || vitestConfig || userArgs.some((arg) => arg.startsWith("--project")) ? [] : FAST_PROJECTS;
const reporters = userArgs.some((arg) => arg.startsWith("--reporter")) ? [] : ["--reporter=default"];
const vitestArgs = ["run", ...(vitestConfig ? ["--config", vitestConfig] : []), ...projects, ...reporters, `--reporter=${REPORTER}`, ...userArgs];
// Plain lines, one per error, which the last line counts: TypeScript 7 prints in colour whenever FORCE_COLOR is set.
const tscArgs = ["-p", tsconfig ?? ".", "--pretty", "false"];

const typecheck = run(process.execPath, [TSC, ...tscArgs], { capture: true });
const tests = run(path.join(BIN_DIR, "vitest"), vitestArgs, { capture: false, env: { ...process.env, IWERP_NPM_TEST: "1", IWERP_TEST_SUMMARY_FILE: summaryFile } });
// Ctrl-C reaches the children from the terminal; a signal sent to this process alone is passed on. Either way
// this process stays to print the last line.
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    for (const { child } of [typecheck, tests]) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

const [typecheckResult, testsResult] = await Promise.all([typecheck.done, tests.done]);
/** @type {import("./lib/test-summary.mjs").VitestSummary | undefined} */
let summary;
try {
  summary = JSON.parse(await readFile(summaryFile, "utf8"));
} catch {
  summary = undefined;
} finally {
  await rm(summaryDir, { recursive: true, force: true });
}
const seconds = (performance.now() - started) / 1000;
if (typecheckResult.code !== 0) console.log(`\ntypecheck: FAILED (tsc ${tscArgs.slice(0, 2).join(" ")})\n${typecheckResult.output.trim()}`);
const { ok, line } = summaryLine({ vitest: { code: testsResult.code, summary }, typecheck: typecheckResult, seconds });
console.log(`\n${line}`);
process.exitCode = ok ? 0 : 1;
