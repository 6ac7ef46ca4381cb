// @ts-check
/**
 * `npm run bench`: this client against raw `fetch` (with and without a timeout) and bare openapi-fetch, side by side in one run.
 *
 * 1. stubbed: `globalThis.fetch` replaced by a stub that answers at once (no network), concurrency 1,
 *    once with a `Content-Length` and once without (the body streamed in chunks, as a compressing web
 *    server sends it);
 * 2. loopback: a node:http server in its own process on 127.0.0.1, the runtime's fetch (undici,
 *    keep-alive), concurrency 1 and 64, answering plain with a `Content-Length` and, under `/gzip`,
 *    gzipped and chunked without one;
 * 3. memory: peak RSS of 10,000 concurrent `add` calls, each contender in a fresh process, with both
 *    framings of the stub.
 *
 * Every mode runs its contenders interleaved, round by round, and reports medians; ratios are to bare
 * openapi-fetch. Prints markdown tables for the README and checks the targets (see `support/report.mjs`).
 * Options: --rounds N (20), --memory-rounds N (2), --count N (10000), --batch-ms N (100), --warm-up-ms N (300),
 * --only stubbed,loopback,gzip,memory.
 */
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../scripts/lib/paths.mjs";
import { CACHE_DIR, bundleClient } from "./support/bundle-client.mjs";
import { CONTENDERS, DESCRIPTIONS, checkContender, createContender } from "./support/contenders.mjs";
import { createLoopbackServer } from "./support/create-loopback-server.mjs";
import { interleave } from "./support/interleave.mjs";
import { measureMemory } from "./support/measure-memory.mjs";
import { BASELINE, checkTargets, memoryTable, ratioWithSpread, summarize, throughputTable } from "./support/report.mjs";
import { GZIP_PREFIX } from "./support/fixtures.mjs";
import { median } from "./support/statistics.mjs";
import { stubFetch, unframedStubFetch } from "./support/stub-fetch.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    "memory-rounds": { type: "string", default: "2" },
    count: { type: "string", default: "10000" },
    "batch-ms": { type: "string", default: "100" },
    "warm-up-ms": { type: "string", default: "300" },
    only: { type: "string", default: "stubbed,loopback,gzip,memory" },
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

/** @typedef {import("./support/report.mjs").Mode} Mode */
/** @type {Mode[]} */
const modes = [];
if (only.has("stubbed")) {
  const realFetch = globalThis.fetch;
  try {
    for (const [name, stub] of /** @type {const} */ ([["stubbed", stubFetch], ["stubbed, no length", unframedStubFetch]])) {
      globalThis.fetch = stub;
      const contenders = await Promise.all(CONTENDERS.map((id) => createContender(id, { baseUrl: "http://127.0.0.1:9", clientBundle })));
      modes.push({ name, group: "stubbed", result: await measureMode(name, contenders, 1, warmUpMs) });
    }
  } finally {
    globalThis.fetch = realFetch;
  }
}
if (only.has("loopback") || only.has("gzip")) {
  const server = await createLoopbackServer();
  try {
    /** @type {Array<[string, string]>} */
    const kinds = [];
    if (only.has("loopback")) kinds.push(["", server.url]);
    if (only.has("gzip")) kinds.push(["gzip ", `${server.url}${GZIP_PREFIX}`]);
    for (const [prefix, baseUrl] of kinds) {
      const contenders = await Promise.all(CONTENDERS.map((id) => createContender(id, { baseUrl, clientBundle })));
      modes.push({ name: `${prefix}c=1`, group: "loopback", result: await measureMode(`loopback ${prefix}c=1`, contenders, 1, warmUpMs) });
      modes.push({ name: `${prefix}c=64`, group: "loopback", result: await measureMode(`loopback ${prefix}c=64`, contenders, 64, warmUpMs / 3) });
    }
  } finally {
    await server.close();
  }
}
/** @type {Array<{ name: string, runs: Map<string, import("./support/measure-memory.mjs").MemoryRun[]> }>} */
const memory = [];
if (only.has("memory")) {
  for (const [name, unframed] of /** @type {const} */ ([["stubbed", false], ["stubbed, no length", true]])) {
    const t0 = performance.now();
    memory.push({ name, runs: await measureMemory(CONTENDERS, { rounds: memoryRounds, count, clientBundle, parallel: 2, unframed }) });
    progress(`memory, ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s): ${memoryRounds} rounds of ${CONTENDERS.length} children`);
  }
}
const seconds = (performance.now() - started) / 1000;

const tables = [];
for (const group of /** @type {const} */ (["stubbed", "loopback"])) {
  const inGroup = modes.filter((m) => m.group === group);
  if (inGroup.length === 0) continue;
  for (const [op, title] of /** @type {const} */ ([["add", "`add` (POST)"], ["list", "`list` 50 (GET)"]])) {
    const cells = inGroup.map((m) => ({ name: m.name, cells: m.result[op] }));
    tables.push(throughputTable(`${title}, ${group}`, CONTENDERS, cells, { cpu: group === "stubbed" }));
  }
}
for (const { name, runs } of memory) tables.push(memoryTable(`${count.toLocaleString("en")} concurrent \`add\`, ${name}`, CONTENDERS, runs));
tables.push(CONTENDERS.map((id) => `- ${id}: ${DESCRIPTIONS[id]}`).join("\n"));
console.log(`\n${tables.join("\n\n")}\n`);
const targets = checkTargets(CONTENDERS, modes, memory);
console.log(`${targets.table}\n`);
console.log(`Wall time ${seconds.toFixed(1)} s. Reproduce: npm run bench (options: see the head of bench/side-by-side.mjs).`);
await writeFile(
  path.join(CACHE_DIR, "last-run.json"),
  JSON.stringify(
    {
      modes: modes.map((m) => ({ name: m.name, add: Object.fromEntries(m.result.add), list: Object.fromEntries(m.result.list) })),
      memory: memory.map((m) => ({ name: m.name, runs: Object.fromEntries(m.runs) })),
      seconds,
    },
    null,
    2,
  ),
);

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
    `calls/s and µs CPU/call are medians; × is the median of the per-round ratios to bare ${BASELINE}'s calls/s, × CPU the same of calls per CPU-second.`,
  ].join("\n");
}
