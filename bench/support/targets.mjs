// @ts-check
import { BASELINE, markdown } from "./report.mjs";
import { median } from "./statistics.mjs";

/** @typedef {{ name: string, group: "stubbed" | "loopback", result: Record<"add" | "list", Map<string, import("./report.mjs").Cell>> }} Mode */

/** The least ratio to bare openapi-fetch with validation "off" (it must cost nothing) and checked, the most of peak RSS. */
const TARGETS = { off: 1.0, checked: 0.95, rss: 1.2 };

/**
 * Checks the speed targets (issues 16 and 17) for every row of the client, in every mode: the stubbed modes by calls
 * per CPU-second (what the library itself costs, which other processes' load barely moves), the loopback modes by
 * calls/s; and the peak RSS of 10,000 concurrent calls with either framing of the stub. Returns a table and what missed.
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
          const least = id.includes("off") ? TARGETS.off : TARGETS.checked;
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
