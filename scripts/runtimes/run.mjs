#!/usr/bin/env node
// @ts-check
/** `npm run test:runtimes` (see README.md here): one line per runtime; exit code 1 if any failed. */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT } from "../lib/paths.mjs";
import { runAppInChromium } from "./browser-app.mjs";
import { runInChromium } from "./browser.mjs";
import { ensureChromium } from "../lib/chromium.mjs";
import { byPathPrefix, refusedUrl, startStandIn } from "../lib/stand-in.mjs";
import { run } from "../lib/run.mjs";
import { cliRuntimes, installRuntimes } from "../lib/runtimes.mjs";
import { STORED } from "./smoke-cases.mjs";

/** The file `import "iwerp-chat-client<subpath>"` loads (the package imports itself by name). */
const esmEntry = (subpath = "") => fileURLToPath(import.meta.resolve(`iwerp-chat-client${subpath}`));
/** How long one runtime may take before it is killed and counted as failed. */
const LIMIT_MS = 60_000;
const DRIVER = fileURLToPath(new URL("smoke-driver.mjs", import.meta.url));
const MARKER = "IWERP-SMOKE-RESULT ";
/** The faults of the stand-in that the smoke cases' scenarios (`<api>/<scenario>/…`) stand for; `ok` and `stall` are their own. */
const SCENARIOS = { unauthorized: "unauthorized-401", drifted: "drift-id", huge: "huge-body", bomb: "gzip-bomb" };

/** @typedef {import("./browser.mjs").BrowserRun & { name: string, seconds?: number }} Row one line of the report. */

const started = Date.now();
// Independent, so at the same time: the build, the runtimes' install and Chromium's.
const [build, runtimesProblem, chromiumProblem] = await Promise.all([
  run("npm", ["run", "build"], { cwd: ROOT, limitMs: 300_000 }),
  installRuntimes(ROOT),
  ensureChromium().then(
    () => undefined,
    (/** @type {Error} */ error) => error.message,
  ),
]);
if (build.code !== 0) {
  console.error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  process.exit(1);
}
const entry = esmEntry();
if (!existsSync(entry)) {
  console.error(`package.json exports["."] leads to ${entry}, which the build did not write.`);
  process.exit(1);
}

// Random, so that a token found in an error's text can only have come from this run.
const token = `smoke-${randomBytes(12).toString("hex")}`;
// The tests' stand-in: the spec's answers with the token required, CORS for the page, the scenario by path prefix.
const server = await startStandIn({ token, stored: STORED, cors: true, pick: byPathPrefix(SCENARIOS) });
const refused = await refusedUrl();
// Each runtime's suite in turn; `problem`: why it cannot run.
const suites = [
  ...cliRuntimes(ROOT).map((runtime) => ({
    name: runtime.name,
    problem: runtimesProblem && `not installed: ${runtimesProblem}`,
    run: () => runCli(runtime, { entry: pathToFileURL(entry).href, api: server.url, refused, token }),
  })),
  { name: "Chromium", problem: chromiumProblem, run: () => runInChromium({ entry, api: server.url, refused, token, limitMs: LIMIT_MS }) },
  { name: "Chromium app", problem: chromiumProblem, run: () => runAppInChromium({ entry, testingEntry: esmEntry("/testing"), limitMs: LIMIT_MS }) },
];
/** @type {Row[]} */
const rows = [];
try {
  for (const { name, problem, run: runSuite } of suites) {
    const start = Date.now();
    const found = problem ? { version: "?", results: undefined, failure: problem } : await runSuite();
    rows.push({ name, ...found, seconds: (Date.now() - start) / 1000 });
    console.log(formatRow(/** @type {Row} */ (rows.at(-1))));
  }
} finally {
  await server.close();
}

const cases = rows.flatMap((row) => row.results ?? []);
const failedRows = rows.filter((row) => !passed(row));
// A runtime without results counts each case it should have run as failed (at least one).
const perRuntime = Math.max(1, ...rows.map((row) => row.results?.length ?? 0));
const failedCases = cases.filter((c) => !c.ok).length + rows.filter((row) => !row.results).length * perRuntime;
console.log(
  failedRows.length === 0
    ? `\nall ${rows.length} runtimes passed in ${((Date.now() - started) / 1000).toFixed(1)} s`
    : `\nfailed on ${failedRows.map((row) => row.name).join(", ")} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(`runtimes: ${cases.filter((c) => c.ok).length} passed, ${failedCases} failed`);
// Exits even if a runtime left something behind, e.g. a browser that would not close.
process.exit(failedRows.length === 0 ? 0 : 1);

/**
 * @param {import("../lib/runtimes.mjs").CliRuntime} runtime
 * @param {{ entry: string, api: string, refused: string, token: string }} settings
 * @returns {Promise<import("./browser.mjs").BrowserRun>}
 */
async function runCli(runtime, settings) {
  const env = { ...process.env, ...runtime.env, IWERP_SMOKE: JSON.stringify({ ...settings, marker: MARKER }) };
  const finished = await run(runtime.binary, runtime.args(DRIVER), { cwd: ROOT, env, limitMs: LIMIT_MS });
  const line = finished.stdout.split("\n").find((candidate) => candidate.startsWith(MARKER));
  /** @type {{ version: string, results: import("./smoke-cases.mjs").CaseResult[] } | undefined} */
  const report = line === undefined ? undefined : JSON.parse(line.slice(MARKER.length));
  if (report) return report;
  const why = finished.timedOut ? `killed after ${LIMIT_MS / 1000} s` : `exited with ${finished.code ?? "a signal"}`;
  const lastWords = finished.stderr.trim().split("\n").filter(Boolean).slice(0, 3).join(" | ");
  return { version: "?", results: undefined, failure: `${why}${lastWords ? `: ${lastWords}` : ""}` };
}

/** @param {Row} row */
function passed(row) {
  return row.results !== undefined && row.results.length > 0 && row.results.every((c) => c.ok);
}

/** One line: the runtime, its exact version, and `passed n/n` or what failed. @param {Row} row */
function formatRow(row) {
  const time = row.seconds === undefined ? "" : ` (${row.seconds.toFixed(1)} s)`;
  const head = `${row.name.padEnd(12)} ${row.version.padEnd(16)}`;
  if (!row.results) return `${head} FAILED${time}: ${row.failure}`;
  const ok = row.results.filter((c) => c.ok).length;
  const total = row.results.length;
  if (passed(row)) return `${head} passed ${ok}/${total}${time}`;
  const failures = row.results.filter((c) => !c.ok).map((c) => `[${c.name}] ${c.detail}`);
  return `${head} FAILED ${total - ok}/${total}${time}: ${failures.join("; ")}`;
}
