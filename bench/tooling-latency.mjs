// @ts-check
/**
 * `npm run bench:tooling`: how fast the tooling answers a developer, measured here instead of asserted in
 * `npm test` (a loaded machine must not fail the tests; it may well miss these targets, so run this on a
 * quiet one and read `uptime` beside it):
 *
 * 1. `generate:watch`: from a save in `openapi/` to the regenerated files in place (the watcher's own
 *    `sinceChangeMs`), on a copy of the spec in a temporary folder; target: the median within 2 s
 *    ("about a second" in the README, with room for a shared machine);
 * 2. `npm run generate`'s work (`generate()`: lint, bundle, types, operation table) into a temporary folder;
 *    target: the median within 2 s;
 * 3. `iwerp-contract --help`, from spawning Node.js to its exit; target: the median within 1 s, the mark that
 *    it loads no test runner, Prism or bundler first (vitest alone takes seconds).
 *
 * Each is run `--rounds` times (default 5) after one warm-up; prints the median, min and max of each and
 * whether its target was met, and exits 1 if one was missed.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { generate } from "../scripts/generate.mjs";
import { watchSpec } from "../scripts/generate-watch.mjs";
import { quantile } from "./support/statistics.mjs";

const ROOT = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const CONTRACT_BIN = path.join(ROOT, "bin", "iwerp-contract.mjs");
/** The most each median may be, in milliseconds. */
const TARGETS = { "generate:watch, save → regenerated": 2_000, "generate() into a temporary folder": 2_000, "iwerp-contract --help": 1_000 };

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number from 1 (got ${values.rounds})`);

/**
 * Runs `once` one time to warm up, then `rounds` times, and returns the milliseconds each round reported.
 * @param {() => Promise<number>} once
 */
async function measure(once) {
  await once();
  const times = [];
  for (let round = 0; round < rounds; round++) times.push(await once());
  return times;
}

/** Save → regenerated, as the watcher reports it, on a copy of the spec. */
async function watcherLatency() {
  const root = await mkdtemp(path.join(tmpdir(), "iwerp-bench-watch-"));
  await cp(path.join(ROOT, "openapi"), path.join(root, "openapi"), { recursive: true });
  await cp(path.join(ROOT, "redocly.yaml"), path.join(root, "redocly.yaml"));
  await cp(path.join(ROOT, "generated"), path.join(root, "generated"), { recursive: true });
  /** @type {Array<(event: import("../scripts/generate-watch.mjs").WatchEvent) => void>} */
  const waiting = [];
  const watcher = watchSpec({ root, initial: false, onEvent: (event) => waiting.shift()?.(event) });
  const schema = path.join(root, "openapi/components/schemas/ChatroomParticipant.yaml");
  const original = await readFile(schema, "utf8");
  let round = 0;
  try {
    return await measure(async () => {
      /** @type {Promise<import("../scripts/generate-watch.mjs").WatchEvent>} */
      const event = new Promise((resolve) => waiting.push(resolve));
      await writeFile(schema, original.replace("  last_name:\n    type: string\n", `  last_name:\n    type: string\n    description: Round ${++round}.\n`));
      const result = await event;
      // One save can reach the watcher as two file events; wait for it to settle so rounds do not overlap.
      await watcher.idle();
      waiting.length = 0;
      if (result.type !== "generated") throw new Error(`the watcher did not regenerate: ${result.message}`);
      return /** @type {number} */ (result.sinceChangeMs);
    });
  } finally {
    watcher.close();
    await watcher.idle();
    await rm(root, { recursive: true, force: true });
  }
}

/** One whole generation into a temporary folder. */
async function generationTime() {
  const outDir = await mkdtemp(path.join(tmpdir(), "iwerp-bench-generate-"));
  try {
    return await measure(async () => {
      const started = performance.now();
      await generate({ outDir });
      return performance.now() - started;
    });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** `iwerp-contract --help` in a new Node.js process, from spawn to exit. */
function helpTime() {
  return measure(
    () =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        execFile(process.execPath, [CONTRACT_BIN, "--help"], (error) => (error ? reject(error) : resolve(performance.now() - started)));
      }),
  );
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(", ");
console.log(`Tooling latency, ${rounds} rounds each after one warm-up; Node.js ${process.versions.node}; load average ${load()} at the start.\n`);
console.log("| measure | median ms | min ms | max ms | target: median ≤ | |");
console.log("| --- | ---: | ---: | ---: | ---: | --- |");
const missed = [];
for (const [name, run] of /** @type {const} */ ([
  ["generate:watch, save → regenerated", watcherLatency],
  ["generate() into a temporary folder", generationTime],
  ["iwerp-contract --help", helpTime],
])) {
  const times = await run();
  const median = quantile(times, 0.5);
  const target = TARGETS[name];
  if (!(median <= target)) missed.push(`${name}: median ${Math.round(median)} ms > ${target} ms`);
  const ms = (/** @type {number} */ value) => Math.round(value).toLocaleString("en-US");
  console.log(`| ${name} | ${ms(median)} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} | ${ms(target)} | ${median <= target ? "✓" : "✗"} |`);
}
console.log(`\nLoad average ${load()} at the end. ${missed.length === 0 ? "Every target met." : `Missed: ${missed.join("; ")}.`}`);
process.exitCode = missed.length === 0 ? 0 : 1;
