// @ts-check
/**
 * The speed targets (issues 16 and 17), checked for every row of the client: with validation "off" at least
 * 1.0× bare openapi-fetch, with "warn" and "throw" at least 0.95×, in every mode; the stubbed modes by calls
 * per CPU-second (what the library itself costs, which other processes' load barely moves), the loopback
 * modes by calls/s; and a peak RSS for 10,000 concurrent calls at most 1.2× bare openapi-fetch's, with
 * either framing of the stub.
 */
import { BASELINE, markdown } from "./report.mjs";
import { median } from "./statistics.mjs";

/**
 * One measured mode.
 * @typedef {object} Mode
 * @property {string} name e.g. "stubbed, no length" or "gzip c=64"
 * @property {"stubbed" | "loopback"} group
 * @property {Record<"add" | "list", Map<string, import("./report.mjs").Cell>>} result
 */

/** The least ratio to bare openapi-fetch by validation mode, and the most ratio of peak RSS. */
export const TARGETS = { off: 1.0, checked: 0.95, rss: 1.2 };

/**
 * The least ratio a contender must reach: validation "off" must cost nothing, a response check may cost 5 %.
 * @param {string} id
 */
export const leastRatio = (id) => (id.includes("off") ? TARGETS.off : TARGETS.checked);

/**
 * @param {readonly string[]} ids
 * @param {Mode[]} modes
 * @param {Array<{ name: string, runs: Map<string, import("./measure-memory.mjs").MemoryRun[]> }>} memory
 * @returns {{ table: string, missed: string[] }}
 */
export function checkTargets(ids, modes, memory) {
  const clients = ids.filter((id) => id.startsWith("client"));
  /** @type {string[]} */
  const missed = [];
  const head = ["target (off ≥ 1.0×, warn/throw ≥ 0.95×)", ...clients];
  /** @type {string[][]} */
  const rows = [];
  for (const mode of modes) {
    const byCpu = mode.group === "stubbed";
    for (const op of /** @type {const} */ (["add", "list"])) {
      rows.push([
        `${mode.name} ${op}, ${byCpu ? "calls per CPU-second" : "calls/s"}`,
        ...clients.map((id) => {
          const cell = mode.result[op].get(id);
          const ratio = (byCpu ? cell?.cpuRatio : cell?.ratio) ?? Number.NaN;
          const least = leastRatio(id);
          if (!(ratio >= least)) missed.push(`${id}: ${mode.name} ${op} ${ratio.toFixed(3)}× < ${least}×`);
          return `${ratio.toFixed(3)} ${ratio >= least ? "✓" : "✗"}`;
        }),
      ]);
    }
  }
  for (const { name, runs } of memory) {
    const peak = (/** @type {string} */ id) => median((runs.get(id) ?? []).map((r) => r.peakBytes));
    rows.push([
      `peak RSS, ${name} ≤ ${TARGETS.rss}×`,
      ...clients.map((id) => {
        const ratio = peak(id) / peak(BASELINE);
        if (!(ratio <= TARGETS.rss)) missed.push(`${id}: peak RSS, ${name} ${ratio.toFixed(3)}× > ${TARGETS.rss}×`);
        return `${ratio.toFixed(3)} ${ratio <= TARGETS.rss ? "✓" : "✗"}`;
      }),
    ]);
  }
  const table = markdown(head, rows, [false, ...clients.map(() => true)]);
  return { table: `${table}\n\n${missed.length === 0 ? "Every target met." : `Missed: ${missed.join("; ")}.`}`, missed };
}
