// @ts-check
/** The markdown tables of a run: throughput per mode, peak memory, and the issue's targets. */
import { median, pairedRatios, quantile } from "./statistics.mjs";

/** The contender every ratio is taken to. */
export const BASELINE = "openapi-fetch";

/**
 * One mode's result for one contender, medians over the rounds: `ratio` of calls/s to `BASELINE` per round (with its
 * quartiles), `cpuRatio` of calls per CPU-second, which other processes' load barely moves.
 * @typedef {{ callsPerSecond: number, cpuMicrosPerCall: number, ratio: number, ratioQuartiles: [number, number], cpuRatio: number }} Cell
 */

/** Sums up one mode's batches. @param {Map<string, import("./interleave.mjs").Batch[]>} batches @returns {Map<string, Cell>} */
export function summarize(batches) {
  const baseline = (batches.get(BASELINE) ?? []).map((b) => b.callsPerSecond);
  const baselineCpu = (batches.get(BASELINE) ?? []).map((b) => 1 / b.cpuMicrosPerCall);
  /** @type {Map<string, Cell>} */
  const cells = new Map();
  for (const [id, runs] of batches) {
    const ratios = pairedRatios(runs.map((b) => b.callsPerSecond), baseline);
    cells.set(id, {
      callsPerSecond: median(runs.map((b) => b.callsPerSecond)),
      cpuMicrosPerCall: median(runs.map((b) => b.cpuMicrosPerCall)),
      ratio: median(ratios),
      ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
      cpuRatio: median(pairedRatios(runs.map((b) => 1 / b.cpuMicrosPerCall), baselineCpu)),
    });
  }
  return cells;
}

/** @param {number} n */
const rate = (n) => (n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : n >= 1000 ? `${(n / 1000).toFixed(2)}k` : n.toFixed(0));
/** @param {number} n */
const times = (n) => `${n.toFixed(2)}×`;
/** @param {number} n */
const micros = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
/** @param {number} bytes */
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);

/**
 * A throughput table: per contender and mode calls/s, the ratio to `BASELINE` (`cpu`, default false: also by CPU), and
 * CPU µs per call.
 * @param {string} title
 * @param {readonly string[]} ids
 * @param {Array<{ name: string, cells: Map<string, Cell> }>} modes
 * @param {{ cpu?: boolean }} [options]
 */
export function throughputTable(title, ids, modes, { cpu = false } = {}) {
  const columns = (/** @type {string} */ name) => [`${name} calls/s`, "×", ...(cpu ? ["× CPU"] : []), "µs CPU/call"];
  const head = [title, ...modes.flatMap((m) => columns(m.name))];
  const rows = ids.map((id) => [
    id,
    ...modes.flatMap((m) => {
      const cell = m.cells.get(id);
      if (!cell) return columns(m.name).map(() => "–");
      return [rate(cell.callsPerSecond), times(cell.ratio), ...(cpu ? [times(cell.cpuRatio)] : []), micros(cell.cpuMicrosPerCall)];
    }),
  ]);
  return markdown(head, rows, [false, ...modes.flatMap((m) => columns(m.name).map(() => true))]);
}

/**
 * The memory table: per contender the resident set size before the calls, the peak, and both as ratios.
 * @param {string} title e.g. "10,000 concurrent `add`, stubbed"
 * @param {readonly string[]} ids
 * @param {Map<string, import("./measure-memory.mjs").MemoryRun[]>} runs
 */
export function memoryTable(title, ids, runs) {
  const peak = (/** @type {string} */ id) => median((runs.get(id) ?? []).map((r) => r.peakBytes));
  const baseline = (/** @type {string} */ id) => median((runs.get(id) ?? []).map((r) => r.baselineBytes));
  const rows = ids.map((id) => [
    id,
    mb(baseline(id)),
    mb(peak(id)),
    times(peak(id) / peak(BASELINE)),
    mb(peak(id) - baseline(id)),
    times((peak(id) - baseline(id)) / (peak(BASELINE) - baseline(BASELINE))),
  ]);
  const head = [title, "RSS before, MB", "peak RSS, MB", "× (peak)", "growth, MB", "× (growth)"];
  return markdown(head, rows, [false, true, true, true, true, true]);
}

/** A markdown table (`right`: columns aligned right). @param {string[]} head @param {string[][]} rows @param {boolean[]} right */
export function markdown(head, rows, right) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(right.map((r) => (r ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

/** A ratio with its quartiles, for the detail lines. @param {Cell} cell */
export const ratioWithSpread = (cell) =>
  `${times(cell.ratio)} (IQR ${cell.ratioQuartiles.map((q) => q.toFixed(2)).join("–")}; by CPU ${times(cell.cpuRatio)})`;

/** @typedef {{ name: string, group: "stubbed" | "loopback", result: Record<"add" | "list", Map<string, Cell>> }} Mode */

/** The least ratio to bare openapi-fetch with validation "off" (it must cost nothing) and checked, the most of peak RSS. */
const TARGETS = { off: 1.0, checked: 0.95, rss: 1.2 };

/**
 * Checks the speed targets of every client row in every mode (stubbed modes by calls per CPU-second, what the library
 * itself costs; loopback by calls/s) and the peak RSS of 10,000 concurrent calls. Returns a table and what missed.
 * @param {readonly string[]} ids
 * @param {Mode[]} modes
 * @param {Array<{ name: string, runs: Map<string, import("./measure-memory.mjs").MemoryRun[]> }>} memory
 * @returns {{ table: string, missed: string[] }}
 */
export function checkTargets(ids, modes, memory) {
  const clients = ids.filter((id) => id.startsWith("client"));
  // Shown beside the clients without a target, so that a reader sees where the runtime's fetch itself lands.
  const references = ids.filter((id) => !id.startsWith("client") && id !== BASELINE);
  /** @type {string[]} */
  const missed = [];
  const head = ["target (off ≥ 1.0×, warn/throw ≥ 0.95×)", ...clients, ...references.map((id) => `${id} (no target)`)];
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
        ...references.map((id) => {
          const cell = mode.result[op].get(id);
          return ((byCpu ? cell?.cpuRatio : cell?.ratio) ?? Number.NaN).toFixed(3);
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
      ...references.map((id) => (peak(id) / peak(BASELINE)).toFixed(3)),
    ]);
  }
  const table = markdown(head, rows, [false, ...clients.map(() => true), ...references.map(() => true)]);
  return { table: `${table}\n\n${missed.length === 0 ? "Every target met." : `Missed: ${missed.join("; ")}.`}`, missed };
}
