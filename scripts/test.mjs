#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: the type-check (`tsc -p .`, the type-level tests in `test/types` included) and every vitest
 * project, side by side: tsc is single-threaded and vitest mostly waits on its workers and servers, so running
 * them together saves most of the type-check's time, and tsc keeps incremental state in node_modules/.cache. tsc's report is printed when it ends; the exit code is 1
 * if either failed. Extra arguments go to vitest (e.g. `npm test -- --project unit`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { BIN_DIR, ROOT, TSC_BUILD_INFO } from "./lib/paths.mjs";

/**
 * Runs a local tool; `capture` keeps its output to print later instead of passing it through.
 * @param {string} tool
 * @param {string[]} args
 * @param {boolean} capture
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(tool, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(path.join(BIN_DIR, tool), args, { cwd: ROOT, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const started = performance.now();
const [typecheck, tests] = await Promise.all([run("tsc", ["-p", ".", "--incremental", "--tsBuildInfoFile", TSC_BUILD_INFO], true), run("vitest", ["run", ...process.argv.slice(2)], false)]);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (typecheck.code === 0) console.log(`\ntypecheck: passed (tsc -p .); npm test took ${seconds} s`);
else console.log(`\ntypecheck: FAILED (tsc -p .)\n${typecheck.output.trim()}`);
process.exitCode = typecheck.code !== 0 || tests.code !== 0 ? 1 : 0;
