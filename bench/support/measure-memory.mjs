// @ts-check
/**
 * Peak memory of `count` concurrent `add` calls per contender, each run in a fresh child process
 * (`memory-child.mjs`), contenders interleaved over the rounds.
 */
import { fork } from "node:child_process";
import { once } from "node:events";

/**
 * What one child measured.
 * @typedef {object} MemoryRun
 * @property {number} baselineBytes resident set size once the contender is made, before any call.
 * @property {number} peakBytes the process's peak resident set size.
 */

/**
 * Runs `memory-child.mjs` for one contender and returns what it measured; rejects when it fails.
 * @param {string} id
 * @param {number} count
 * @param {string} clientBundle
 * @param {boolean} unframed answer without `Content-Length`.
 * @returns {Promise<MemoryRun>}
 */
async function runChild(id, count, clientBundle, unframed) {
  const child = fork(new URL("./memory-child.mjs", import.meta.url), [id, String(count), clientBundle, unframed ? "unframed" : "framed"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  /** @type {MemoryRun | undefined} */
  let run;
  child.on("message", (message) => {
    run = /** @type {MemoryRun} */ (message);
  });
  const [code, signal] = await once(child, "exit");
  if (run === undefined) throw new Error(`the memory run of ${id} ended without a result (${signal ?? `exit code ${code}`})`);
  return run;
}

/**
 * Runs every contender `rounds` times, rotating the order per round, `parallel` children at a time (a
 * peak RSS does not depend on the CPU a child gets, only on what it holds).
 * @param {readonly string[]} ids
 * @param {{ rounds: number, count: number, clientBundle: string, parallel: number, unframed: boolean }} options `unframed`:
 *   the stub answers without `Content-Length`, the body streamed in chunks.
 * @returns {Promise<Map<string, MemoryRun[]>>}
 */
export async function measureMemory(ids, { rounds, count, clientBundle, parallel, unframed }) {
  /** @type {Map<string, MemoryRun[]>} */
  const runs = new Map(ids.map((id) => [id, []]));
  const queue = Array.from({ length: rounds }, (_, round) => ids.map((_, i) => /** @type {string} */ (ids[(i + round) % ids.length]))).flat();
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) runs.get(id)?.push(await runChild(id, count, clientBundle, unframed));
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return runs;
}
