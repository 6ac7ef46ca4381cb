#!/usr/bin/env node
// @ts-check
/**
 * `npm run test:load [-- RUNS] [--busy N]`: `npm run test:all` RUNS times (default 5) while N processes (default 2)
 * spin a core each, as on a shared CI runner. A failed run's output is kept in a temporary folder; exit 1 if any failed.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";

/** Spins one core, and ends when its parent is gone, so it never outlives this script. */
const BUSY_LOOP = "const parent = process.ppid; for (let i = 1; ; i++) if ((i & 0xfffffff) === 0 && process.ppid !== parent) process.exit(0);";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { busy: { type: "string", default: "2" } } });
const runs = Number(positionals[0] ?? "5");
const busyCount = Number(values.busy);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`RUNS must be a whole number from 1 (got ${positionals[0]})`);
if (!Number.isInteger(busyCount) || busyCount < 0) throw new Error(`--busy must be a whole number from 0 (got ${values.busy})`);

/** @type {import("node:child_process").ChildProcess[]} */
const busy = [];
// Stops the run of `npm test` under way with its process group: its vitest, tsc, workers and Prism.
const stop = new AbortController();

function stopBusy() {
  for (const child of busy.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
process.on("exit", stopBusy);
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    stopBusy();
    stop.abort("SIGTERM");
  });
}

const load = () => loadavg()[0]?.toFixed(2) ?? "?";

/** @param {string} logFile @returns {Promise<{ code: number, seconds: number, lastLine: string }>} */
async function npmTest(logFile) {
  const started = performance.now();
  const args = ["test", "--", "--all"];
  const { code, signal, output } = await run("npm", args, { cwd: ROOT, limitMs: Infinity, signal: stop.signal });
  await writeFile(logFile, `${output}\n`);
  const seconds = (performance.now() - started) / 1000;
  // npm test's own last line (scripts/test.mjs); npm may add lines of its own after a failed script.
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const summary = lines.findLast((line) => line.startsWith("npm test: ")) ?? lines.at(-1) ?? "";
  return { code: code ?? (signal ? 128 : 127), seconds, lastLine: summary.trim() };
}

const logDir = await mkdtemp(path.join(tmpdir(), "iwerp-test-under-load-"));
for (let i = 0; i < busyCount; i++) busy.push(spawn(process.execPath, ["-e", BUSY_LOOP], { stdio: "ignore" }));
console.log(`test:load: every test (npm run test:all) ${runs} time(s) beside ${busyCount} busy process(es) on ${availableParallelism()} core(s); load average ${load()} at the start.`);

/** @type {Array<{ ok: boolean, seconds: number }>} */
const results = [];
/** @type {string[]} */
const keptLogs = [];
for (let run = 1; run <= runs && !stop.signal.aborted; run++) {
  const logFile = path.join(logDir, `run-${run}.log`);
  const { code, seconds, lastLine } = await npmTest(logFile);
  if (stop.signal.aborted) break;
  const ok = code === 0;
  results.push({ ok, seconds });
  if (!ok) keptLogs.push(logFile);
  console.log(`run ${run}/${runs}: ${ok ? "passed" : `FAILED (exit code ${code})`} in ${seconds.toFixed(1)} s, load average ${load()} — ${lastLine}${ok ? "" : `\n  full output: ${logFile}`}`);
}
stopBusy();
if (keptLogs.length === 0) await rm(logDir, { recursive: true, force: true });

const passed = results.filter((result) => result.ok).length;
const times = results.map((result) => `${result.seconds.toFixed(1)} s`).join(", ");
const verdict = stop.signal.aborted ? `interrupted after ${results.length} of ${runs} run(s)` : passed === runs ? `passed ${passed}/${runs}` : `FAILED: ${passed}/${runs} passed`;
console.log(`\ntest:load: ${verdict} beside ${busyCount} busy process(es)${times ? ` (${times})` : ""}; load average ${load()} at the end.`);
process.exitCode = stop.signal.aborted ? 130 : passed === runs ? 0 : 1;
