// @ts-check
/**
 * `npm run bench`: this client against raw `fetch` and bare openapi-fetch, side by side in one run.
 *
 * 1. stubbed: `globalThis.fetch` replaced by a stub that answers at once (no network), concurrency 1;
 * 2. loopback: a node:http server in its own process on 127.0.0.1, the runtime's fetch (undici,
 *    keep-alive), concurrency 1 and 64;
 * 3. memory: peak RSS of 10,000 concurrent `add` calls, each contender in a fresh process.
 *
 * Every mode runs its contenders interleaved, round by round, and reports medians; ratios are to bare
 * openapi-fetch. Prints markdown tables for the README and checks the targets of issue 10.
 * Options: --rounds N (20), --memory-rounds N (2), --count N (10000), --batch-ms N (100), --warm-up-ms N (300),
 * --only stubbed,loopback,memory.
 */
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CACHE_DIR, ROOT, bundleClient } from "./support/bundle-client.mjs";
import { CONTENDERS, DESCRIPTIONS, checkContender, createContender } from "./support/contenders.mjs";
import { createLoopbackServer } from "./support/create-loopback-server.mjs";
import { interleave } from "./support/interleave.mjs";
import { measureMemory } from "./support/measure-memory.mjs";
import { BASELINE, memoryTable, ratioWithSpread, summarize, throughputTable } from "./support/report.mjs";
import { median } from "./support/statistics.mjs";
import { stubFetch } from "./support/stub-fetch.mjs";
import { checkTargets } from "./support/targets.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    "memory-rounds": { type: "string", default: "2" },
    count: { type: "string", default: "10000" },
    "batch-ms": { type: "string", default: "100" },
    "warm-up-ms": { type: "string", default: "300" },
    only: { type: "string", default: "stubbed,loopback,memory" },
  },
});
const rounds = Number(values.rounds);
const memoryRounds = Number(values["memory-rounds"]);
const count = Number(values.count);
const batchMs = Number(values["batch-ms"]);
const warmUpMs = Number(values["warm-up-ms"]);
const only = new Set(values.only.split(","));
/** @param {string} line */
const progress = (line) => process.stderr.write(`${line}\n`);

const started = performance.now();
const clientBundle = await bundleClient();
console.log(header());

/**
 * Measures `add` and `list` of every contender at `concurrency`, each operation with its own interleaved
 * rounds, after warming every contender up for `warmUpMs`.
 * @param {string} mode
 * @param {import("./support/contenders.mjs").Contender[]} contenders
 * @param {number} concurrency
 * @param {number} warmUpMs
 */
async function measureMode(mode, contenders, concurrency, warmUpMs) {
  for (const contender of contenders) await checkContender(contender);
  const t0 = performance.now();
  /** @type {Record<"add" | "list", Map<string, import("./support/report.mjs").Cell>>} */
  const result = { add: new Map(), list: new Map() };
  for (const op of /** @type {const} */ (["add", "list"])) {
    const entries = contenders.map((c) => ({ id: c.id, call: c[op] }));
    const batches = await interleave(entries, { rounds, batchMs, warmUpMs, concurrency });
    result[op] = summarize(batches);
    const calls = Math.round(median((batches.get(BASELINE) ?? []).map((b) => b.calls)));
    progress(`${mode} ${op} (${((performance.now() - t0) / 1000).toFixed(1)} s): ${rounds} rounds, ${BASELINE} ${calls} calls a batch: ${[...result[op]].map(([id, cell]) => `${id} ${ratioWithSpread(cell)}`).join(", ")}`);
  }
  return result;
}

/** @type {Array<{ name: string, result: Record<"add" | "list", Map<string, import("./support/report.mjs").Cell>> }>} */
const modes = [];
if (only.has("stubbed")) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = stubFetch;
  try {
    const contenders = await Promise.all(CONTENDERS.map((id) => createContender(id, { baseUrl: "http://127.0.0.1:9", clientBundle })));
    modes.push({ name: "stubbed", result: await measureMode("stubbed", contenders, 1, warmUpMs) });
  } finally {
    globalThis.fetch = realFetch;
  }
}
if (only.has("loopback")) {
  const server = await createLoopbackServer();
  try {
    const contenders = await Promise.all(CONTENDERS.map((id) => createContender(id, { baseUrl: server.url, clientBundle })));
    modes.push({ name: "c=1", result: await measureMode("loopback c=1", contenders, 1, warmUpMs) });
    modes.push({ name: "c=64", result: await measureMode("loopback c=64", contenders, 64, warmUpMs / 3) });
  } finally {
    await server.close();
  }
}
let memory;
if (only.has("memory")) {
  const t0 = performance.now();
  memory = await measureMemory(CONTENDERS, { rounds: memoryRounds, count, clientBundle, parallel: 2 });
  progress(`memory (${((performance.now() - t0) / 1000).toFixed(1)} s): ${memoryRounds} rounds of ${CONTENDERS.length} children`);
}
const seconds = (performance.now() - started) / 1000;

const tables = [];
if (modes.length > 0) {
  for (const [op, title] of /** @type {const} */ ([["add", "`add` (POST)"], ["list", "`list` 50 (GET)"]])) {
    tables.push(throughputTable(title, CONTENDERS, modes.map((m) => ({ name: m.name, cells: m.result[op] }))));
  }
}
if (memory) tables.push(memoryTable(count, CONTENDERS, memory));
tables.push(CONTENDERS.map((id) => `- ${id}: ${DESCRIPTIONS[id]}`).join("\n"));
console.log(`\n${tables.join("\n\n")}\n`);
const targets = checkTargets(CONTENDERS, modes, memory);
console.log(`${targets.table}\n`);
console.log(`Wall time ${seconds.toFixed(1)} s. Reproduce: npm run bench (options: see the head of bench/side-by-side.mjs).`);
await writeFile(path.join(CACHE_DIR, "last-run.json"), JSON.stringify({ modes: modes.map((m) => ({ name: m.name, add: Object.fromEntries(m.result.add), list: Object.fromEntries(m.result.list) })), memory: memory && Object.fromEntries(memory), seconds }, null, 2));

/** The run's circumstances: runtime, machine, load and which sources were bundled. */
function header() {
  const git = (/** @type {string[]} */ args) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  const commit = git(["rev-parse", "--short", "HEAD"]) || "?";
  const dirty = git(["status", "--porcelain", "--", "src", "generated"]) !== "";
  const cpu = os.cpus()[0]?.model ?? "?";
  return [
    `Node.js ${process.version} on ${os.platform()} ${os.arch()}, ${os.availableParallelism()} CPUs (${cpu}), load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    `client: src/ at ${commit}${dirty ? " with uncommitted changes" : ""}, bundled by esbuild; ${rounds} interleaved rounds per mode, batches of ${batchMs} ms`,
    `calls/s and µs CPU/call are medians; × is the median of the per-round ratios to bare ${BASELINE}'s calls/s.`,
  ].join("\n");
}
