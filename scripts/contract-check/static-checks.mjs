// @ts-check
/** The checks before the contract suite: the spec lints, `generated/` is current, the client compiles. */
import { execFile } from "node:child_process";
import path from "node:path";
import { describeDrift, findDrift } from "../lib/drift.mjs";
import { ROOT, TSC } from "../lib/paths.mjs";
import { lintSpec, SpecLintError } from "../lib/redocly.mjs";

/** @typedef {import("./report-model.mjs").StepResult} StepResult */

const TITLES = {
  lint: "the spec in openapi/ passes Redocly (redocly.yaml)",
  drift: "generated/ is what the spec generates",
  typecheck: "the client and its tests compile against generated/ (tsc, TypeScript 7)",
};

/**
 * Runs TypeScript 7's `tsc -p tsconfig.json` in `root`; incremental (see tsconfig.json), so a repeated check
 * compiles only what changed.
 * @param {string} root
 * @returns {Promise<string | undefined>} the compiler's report when it fails.
 */
function typecheck(root) {
  return new Promise((resolve) => {
    const args = [TSC, "-p", path.join(root, "tsconfig.json"), "--pretty", "false"];
    execFile(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
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
 * Lints the spec and checks `generated/` with one Redocly pass: the drift check regenerates, and generating
 * lints (it fails with a `SpecLintError` when the spec does not lint or bundle). So lint passes when the
 * generation got past Redocly, and fails with its report otherwise (drift then cannot run).
 * @param {string} root
 * @returns {Promise<[StepResult, StepResult]>}
 */
async function lintAndDrift(root) {
  const started = performance.now();
  let findings;
  try {
    findings = await findDrift({ root, generatedDir: path.join(root, "generated") });
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof SpecLintError) {
      return [
        { step: "lint", title: TITLES.lint, status: "failed", detail, ms },
        { step: "drift", title: TITLES.drift, status: "not run", detail: "the spec does not lint, so it cannot be generated", ms: 0 },
      ];
    }
    return [{ step: "lint", title: TITLES.lint, status: "passed", ms }, { step: "drift", title: TITLES.drift, status: "failed", detail, ms }];
  }
  const ms = Math.round(performance.now() - started);
  return [
    { step: "lint", title: TITLES.lint, status: "passed", ms },
    findings.length > 0 ? { step: "drift", title: TITLES.drift, status: "failed", detail: describeDrift(findings), ms } : { step: "drift", title: TITLES.drift, status: "passed", ms },
  ];
}

/**
 * Runs lint and the drift check (one Redocly lint between them, see `lintAndDrift`) alongside the type-check.
 * @param {{ skip?: Set<string>, root?: string }} [options] `skip`: steps not to run; `root`: the project
 *   folder (default: this repository).
 * @returns {Promise<StepResult[]>} in the order lint, drift, typecheck.
 */
export async function runStaticChecks({ skip = new Set(), root = ROOT } = {}) {
  /** @param {keyof typeof TITLES} step @returns {StepResult} */
  const skipped = (step) => ({ step, title: TITLES[step], status: "skipped", detail: "--skip", ms: 0 });
  /** @returns {Promise<StepResult[]>} */
  const specChecks = async () => {
    if (!skip.has("drift")) {
      const [lint, drift] = await lintAndDrift(root);
      // Skipping lint alone still lints (generating does); the report says it was skipped, as asked.
      return [skip.has("lint") && lint.status === "passed" ? skipped("lint") : lint, drift];
    }
    if (skip.has("lint")) return [skipped("lint"), skipped("drift")];
    return [await timed("lint", async () => void (await lintSpec({ root }))), skipped("drift")];
  };
  const compile = skip.has("typecheck") ? Promise.resolve(skipped("typecheck")) : timed("typecheck", () => typecheck(root));
  const [[lint, drift], types] = await Promise.all([specChecks(), compile]);
  return [/** @type {StepResult} */ (lint), /** @type {StepResult} */ (drift), types];
}
