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
 * The order of round `round`: the entries' indices shuffled by a generator seeded with the round (mulberry32), so a
 * run is reproducible and no contender always follows the same one. A rotation kept each contender's predecessor:
 * the batch after another that validates paid for its garbage, and the stubbed list of `client, throw` (after
 * `client, warn`) measured 0.82-0.88x where `warn` made 1.06-1.08x; with the two swapped, the numbers swapped.
 * @param {number} length
 * @param {number} round
 */
function orderOf(length, round) {
  let seed = (round + 1) * 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [/** @type {number} */ (order[j]), /** @type {number} */ (order[i])];
  }
  return order;
}

/**
 * Warms every entry up for `warmUpMs`, then runs `rounds` rounds of one batch per entry, in an order shuffled each
 * round (see `orderOf`), so that drift in the machine's load and a batch's garbage fall on every contender alike
 * (forcing a collection between batches made the next batch two to three times slower, for every contender).
 * @param {Entry[]} entries
 * @param {{ rounds: number, batchMs: number, warmUpMs: number, concurrency: number }} options
 * @returns {Promise<Map<string, Batch[]>>} each entry's batches, by round.
 */
export async function interleave(entries, { rounds, batchMs, warmUpMs, concurrency }) {
  for (const entry of entries) await runBatch(entry.call, warmUpMs, concurrency);
  /** @type {Map<string, Batch[]>} */
  const batches = new Map(entries.map((entry) => [entry.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (const i of orderOf(entries.length, round)) {
      const entry = /** @type {Entry} */ (entries[i]);
      batches.get(entry.id)?.push(await runBatch(entry.call, batchMs, concurrency));
    }
  }
  return batches;
}
