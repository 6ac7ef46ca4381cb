// @ts-check
/**
 * The targets of issue 10, checked for every row of the client: calls/s at least 0.85× bare openapi-fetch's
 * with the stub, at least 0.9× over loopback at concurrency 1 and 64, and a peak RSS for 10,000 concurrent
 * calls at most 1.2× bare openapi-fetch's.
 */
import { BASELINE, markdown } from "./report.mjs";
import { median } from "./statistics.mjs";

/** The least ratio of calls/s per mode, and the most ratio of peak RSS. */
export const TARGETS = { stubbed: 0.85, "c=1": 0.9, "c=64": 0.9, rss: 1.2 };

/**
 * @param {readonly string[]} ids
 * @param {Array<{ name: string, result: Record<"add" | "list", Map<string, import("./report.mjs").Cell>> }>} modes
 * @param {Map<string, import("./measure-memory.mjs").MemoryRun[]> | undefined} memory
 * @returns {{ table: string, missed: string[] }}
 */
export function checkTargets(ids, modes, memory) {
  const clients = ids.filter((id) => id.startsWith("client"));
  /** @type {string[]} */
  const missed = [];
  const head = ["target", ...clients];
  /** @type {string[][]} */
  const rows = [];
  for (const mode of modes) {
    const least = TARGETS[/** @type {"stubbed" | "c=1" | "c=64"} */ (mode.name)];
    for (const op of /** @type {const} */ (["add", "list"])) {
      rows.push([
        `${mode.name} ${op} ≥ ${least}×`,
        ...clients.map((id) => {
          const ratio = mode.result[op].get(id)?.ratio ?? Number.NaN;
          if (!(ratio >= least)) missed.push(`${id}: ${mode.name} ${op} ${ratio.toFixed(3)}× < ${least}×`);
          return `${ratio.toFixed(3)} ${ratio >= least ? "✓" : "✗"}`;
        }),
      ]);
    }
  }
  if (memory) {
    const peak = (/** @type {string} */ id) => median((memory.get(id) ?? []).map((r) => r.peakBytes));
    rows.push([
      `peak RSS ≤ ${TARGETS.rss}×`,
      ...clients.map((id) => {
        const ratio = peak(id) / peak(BASELINE);
        if (!(ratio <= TARGETS.rss)) missed.push(`${id}: peak RSS ${ratio.toFixed(3)}× > ${TARGETS.rss}×`);
        return `${ratio.toFixed(3)} ${ratio <= TARGETS.rss ? "✓" : "✗"}`;
      }),
    ]);
  }
  const table = markdown(head, rows, [false, ...clients.map(() => true)]);
  return { table: `${table}\n\n${missed.length === 0 ? "Every target met." : `Missed: ${missed.join("; ")}.`}`, missed };
}
