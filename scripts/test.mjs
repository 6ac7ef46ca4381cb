#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: TypeScript 7's `tsc -p .` and the vitest projects `unit` and `contract` (`--all`: every project) side by
 * side; tsc's report only when it failed. The LAST line says how the run went, naming what failed; exit code 1 if
 * either failed. Extra arguments go to vitest. `IWERP_TEST_VITEST_CONFIG` and `IWERP_TEST_TSCONFIG` point it at a
 * fixture project (test/scripts/); without them it refuses (exit 2) to run inside vitest or another `npm test`.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { constants, tmpdir } from "node:os";
import path from "node:path";
import { summaryLine } from "./lib/test-summary.mjs";
import { BIN_DIR, ROOT, TSC } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";

const REPORTER = path.join(ROOT, "scripts", "lib", "test-summary.mjs");

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

// Ctrl-C reaches vitest from the terminal, and tsc through `stop`; a signal sent to this process alone is passed on
// to both. Either way this process stays to print the last line.
const stop = new AbortController();
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => stop.abort(signal));
const env = { ...process.env, IWERP_NPM_TEST: "1", IWERP_TEST_SUMMARY_FILE: summaryFile };
const [typecheckResult, testsResult] = await Promise.all([
  run(process.execPath, [TSC, ...tscArgs], { cwd: ROOT, limitMs: Infinity, signal: stop.signal }),
  run(path.join(BIN_DIR, "vitest"), vitestArgs, { cwd: ROOT, env, limitMs: Infinity, show: true, signal: stop.signal }),
]);
// A child ended by a signal has no exit code; count it as 128 + the signal's number, as a shell would.
/** @param {import("./lib/run.mjs").Finished} result */
const exitCode = (result) => result.code ?? (result.signal ? 128 + constants.signals[result.signal] : 127);
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
const typecheck = { code: exitCode(typecheckResult), output: typecheckResult.output };
if (typecheck.code !== 0) console.log(`\ntypecheck: FAILED (tsc ${tscArgs.slice(0, 2).join(" ")})\n${typecheckResult.output.trim()}`);
const { ok, line } = summaryLine({ vitest: { code: exitCode(testsResult), summary }, typecheck, seconds });
console.log(`\n${line}`);
process.exitCode = ok ? 0 : 1;
