// @ts-check
import { fork } from "node:child_process";
import { once } from "node:events";

/** @typedef {{ baselineBytes: number, peakBytes: number }} MemoryRun a child's RSS once its contender is made, and its peak */

/**
 * Peak memory of `count` concurrent `add` calls: every contender `rounds` times, each in a fresh `memory-child.mjs`,
 * `parallel` at a time (a peak RSS does not depend on CPU); `unframed`: no `Content-Length`. Rejects on a child's failure.
 * @param {readonly string[]} ids
 * @param {{ rounds: number, count: number, clientBundle: string, parallel: number, unframed: boolean }} options
 * @returns {Promise<Map<string, MemoryRun[]>>}
 */
export async function measureMemory(ids, { rounds, count, clientBundle, parallel, unframed }) {
  /** @type {Map<string, MemoryRun[]>} */
  const runs = new Map(ids.map((id) => [id, []]));
  const queue = Array.from({ length: rounds }, (_, round) => ids.map((_, i) => /** @type {string} */ (ids[(i + round) % ids.length]))).flat();
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
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
      runs.get(id)?.push(run);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return runs;
}
