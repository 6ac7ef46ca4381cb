// @ts-check
/** How a command-line driver hands its results to the runner: one marked line of JSON on stdout. */

/** Starts the result line, so that anything else a runtime prints cannot be taken for it. */
export const RESULT_MARKER = "IWERP-SMOKE-RESULT ";

/**
 * What a driver reports.
 * @typedef {object} DriverReport
 * @property {string} version the runtime's own version.
 * @property {import("./smoke-cases.mjs").CaseResult[]} results
 */

/**
 * The report in a driver's stdout, or `undefined` when it printed none (it crashed or was killed).
 * @param {string} stdout
 * @returns {DriverReport | undefined}
 */
export function parseResultLine(stdout) {
  const line = stdout.split("\n").find((candidate) => candidate.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : JSON.parse(line.slice(RESULT_MARKER.length));
}
