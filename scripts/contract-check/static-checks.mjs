// @ts-check
/** The checks before the contract suite: the spec lints, `generated/` is current, the client compiles. */
import { execFile } from "node:child_process";
import path from "node:path";
import { describeDrift, findDrift } from "../lib/drift.mjs";
import { BIN_DIR, ROOT } from "../lib/paths.mjs";
import { lintSpec } from "../lib/redocly.mjs";

/**
 * One check's outcome; `detail` says what is wrong (or why it did not run).
 * @typedef {{
 *   step: string,
 *   title: string,
 *   status: "passed" | "failed" | "skipped" | "not run",
 *   detail?: string,
 *   ms: number,
 * }} StepResult
 */

const TITLES = {
  lint: "the spec in openapi/ passes Redocly (redocly.yaml)",
  drift: "generated/ is what the spec generates",
  typecheck: "the client and its tests compile against generated/ (tsc)",
};

/**
 * Runs `tsc -p tsconfig.json` in `root`.
 * @param {string} root
 * @returns {Promise<string | undefined>} the compiler's report when it fails.
 */
function typecheck(root) {
  return new Promise((resolve) => {
    // Incremental (state kept in the ignored .contract-logs/): a repeated check compiles only what changed.
    const args = ["-p", path.join(root, "tsconfig.json"), "--pretty", "false", "--incremental", "--tsBuildInfoFile", path.join(root, ".contract-logs", "tsc.tsbuildinfo")];
    execFile(path.join(BIN_DIR, "tsc"), args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve(error ? `${stdout}${stderr}`.trim() || error.message : undefined);
    });
  });
}

/**
 * Times one check.
 * @param {keyof typeof TITLES} step
 * @param {() => Promise<string | undefined>} check resolves with a failure report, or undefined.
 * @returns {Promise<StepResult>}
 */
async function timed(step, check) {
  const started = performance.now();
  let detail;
  try {
    detail = await check();
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  const ms = Math.round(performance.now() - started);
  return detail === undefined ? { step, title: TITLES[step], status: "passed", ms } : { step, title: TITLES[step], status: "failed", detail, ms };
}

/**
 * Runs lint, then the drift check (only if the lint passed: it lints again), alongside the type-check.
 * @param {{ skip?: Set<string>, root?: string }} [options] `skip`: steps not to run; `root`: the project
 *   folder (default: this repository).
 * @returns {Promise<StepResult[]>} in the order lint, drift, typecheck.
 */
export async function runStaticChecks({ skip = new Set(), root = ROOT } = {}) {
  /** @param {keyof typeof TITLES} step @param {string} why @returns {StepResult} */
  const notRun = (step, why) => ({ step, title: TITLES[step], status: why === "skipped" ? "skipped" : "not run", detail: why === "skipped" ? "--skip" : why, ms: 0 });
  const specChecks = (async () => {
    const lint = skip.has("lint") ? notRun("lint", "skipped") : await timed("lint", async () => void (await lintSpec({ root })));
    if (skip.has("drift")) return [lint, notRun("drift", "skipped")];
    if (lint.status === "failed") return [lint, notRun("drift", "the spec does not lint, so it cannot be generated")];
    const drift = await timed("drift", async () => {
      const findings = await findDrift({ root, generatedDir: path.join(root, "generated") });
      return findings.length > 0 ? describeDrift(findings) : undefined;
    });
    return [lint, drift];
  })();
  const compile = skip.has("typecheck") ? Promise.resolve(notRun("typecheck", "skipped")) : timed("typecheck", () => typecheck(root));
  const [[lint, drift], types] = await Promise.all([specChecks, compile]);
  return [/** @type {StepResult} */ (lint), /** @type {StepResult} */ (drift), types];
}
