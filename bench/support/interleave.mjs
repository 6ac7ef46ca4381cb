// @ts-check
/** @typedef {{ id: string, call: () => Promise<unknown> }} Entry one contender's call */
/** @typedef {{ calls: number, callsPerSecond: number, cpuMicrosPerCall: number }} Batch one batch; CPU is user + system */

/**
 * Makes calls, `concurrency` at a time, until `ms` have passed (a slow contender cannot stretch the run); calls started
 * are finished and counted; timed on the wall clock and on the process's CPU clock.
 * @param {() => Promise<unknown>} call
 * @param {number} ms
 * @param {number} concurrency
 * @returns {Promise<Batch>}
 */
export async function runBatch(call, ms, concurrency) {
  let calls = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + ms;
  const worker = async () => {
    do {
      await call();
      calls++;
    } while (performance.now() < until);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { calls, callsPerSecond: calls / seconds, cpuMicrosPerCall: (user + system) / calls };
}

/**
 * Warms every entry up for `warmUpMs`, then runs `rounds` rounds of one batch per entry, the order rotated each round,
 * so that drift in the machine's load and a batch's garbage fall on every contender alike (forcing a collection
 * between batches made the next batch two to three times slower, for every contender).
 * @param {Entry[]} entries
 * @param {{ rounds: number, batchMs: number, warmUpMs: number, concurrency: number }} options
 * @returns {Promise<Map<string, Batch[]>>} each entry's batches, by round.
 */
export async function interleave(entries, { rounds, batchMs, warmUpMs, concurrency }) {
  for (const entry of entries) await runBatch(entry.call, warmUpMs, concurrency);
  /** @type {Map<string, Batch[]>} */
  const batches = new Map(entries.map((entry) => [entry.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < entries.length; i++) {
      const entry = /** @type {Entry} */ (entries[(i + round) % entries.length]);
      batches.get(entry.id)?.push(await runBatch(entry.call, batchMs, concurrency));
    }
  }
  return batches;
}
