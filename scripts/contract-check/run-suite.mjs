// @ts-check
/**
 * Runs the contract suite (vitest project `contract`) in this process through vitest's node API, and collects its
 * results with each test's operation (its top-level `describe("<operationId>")`) and the Prism violations
 * it recorded. The target is chosen by `test/support/contract/global-setup.ts` from the environment given here.
 */
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { createVitest } from "vitest/node";
import { ROOT } from "../lib/paths.mjs";
import { WHOLE_SPEC } from "./mock-mode.mjs";

/**
 * @typedef {{
 *   operation: string,
 *   file: string,
 *   name: string,
 *   state: "passed" | "failed" | "skipped" | "pending",
 *   ms: number,
 *   errors: string[],
 *   violations: Array<{ path: string, message: string, severity: string }>,
 *   note?: string,
 * }} TestOutcome
 * @typedef {{ tests: TestOutcome[], errors: string[], ms: number }} SuiteOutcome
 */

/** The variables the suite reads; each run sets or clears all of them, so nothing leaks in from the shell. */
const SUITE_VARIABLES = [
  "IWERP_CONTRACT_BASE_URL",
  "IWERP_CONTRACT_UPSTREAM",
  "IWERP_CONTRACT_MOCK_URL",
  "IWERP_CONTRACT_DYNAMIC_SEED",
  "IWERP_CONTRACT_ALLOW_WRITES",
  "IWERP_CONTRACT_CHATROOM_ID",
  "IWERP_CONTRACT_RECORDS_FILE",
  "IWERP_CONTRACT_LOG_DIR",
  "IWERP_SESSION_TOKEN",
  "IWERP_API_KEY",
];

/** @param {Record<string, string | undefined>} values sets `SUITE_VARIABLES` to these, unsetting the others. */
function setVariables(values) {
  for (const name of SUITE_VARIABLES) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
}

/**
 * The outcome of a run: each test, and the errors outside any test (a file that failed to load, an unhandled error).
 * @param {ReadonlyArray<import("vitest/node").TestModule>} modules
 * @param {ReadonlyArray<{ message?: string, name?: string }>} unhandledErrors
 * @returns {Pick<SuiteOutcome, "tests" | "errors">}
 */
export function outcomeOf(modules, unhandledErrors) {
  /** @type {TestOutcome[]} */
  const tests = [];
  const errors = unhandledErrors.map((error) => stripVTControlCharacters(`${error.name ?? "Error"}: ${error.message ?? ""}`));
  for (const module of modules) {
    const file = path.relative(ROOT, module.moduleId);
    for (const error of module.errors()) errors.push(stripVTControlCharacters(`${file}: ${error.message}`));
    for (const top of module.children) {
      // A test's operation is its outermost suite's name: by convention its operationId.
      const operation = top.type === "suite" ? top.name : WHOLE_SPEC;
      for (const test of top.type === "suite" ? top.children.allTests() : [top]) {
        const result = test.result();
        tests.push({
          operation,
          file,
          name: test.name,
          state: result.state,
          ms: Math.round(test.diagnostic()?.duration ?? 0),
          errors: (result.errors ?? []).map((error) => stripVTControlCharacters(error.message)),
          violations: test.meta().violations ?? [],
          ...(result.state === "skipped" && result.note ? { note: result.note } : {}),
        });
      }
    }
  }
  return { tests, errors };
}

/**
 * Runs the suite with `variables` set (the suite's global setup and its workers read them), and restores the
 * environment afterwards. Vitest starts up while `variables` settles; the tests run once it has, not at all when it fails.
 * @param {{
 *   variables: Promise<Record<string, string | undefined>>,
 *   stdout: import("node:stream").Writable,
 *   stderr: import("node:stream").Writable,
 * }} options `stdout`/`stderr`: where vitest itself writes (already redacting).
 * @returns {Promise<SuiteOutcome>}
 */
export async function runContractSuite({ variables, stdout, stderr }) {
  const saved = Object.fromEntries(SUITE_VARIABLES.map((name) => [name, process.env[name]]));
  const exitCode = process.exitCode;
  let started = performance.now();
  /** @type {SuiteOutcome | undefined} */
  let outcome;
  /** @type {import("vitest/node").Reporter} */
  const reporter = {
    onInit: () => void (started = performance.now()),
    onTestRunEnd: (modules, errors) => void (outcome = { ...outcomeOf(modules, errors), ms: Math.round(performance.now() - started) }),
  };
  /** @type {import("vitest/node").Vitest | undefined} */
  let vitest;
  try {
    vitest = await createVitest(
      "test",
      { root: ROOT, config: path.join(ROOT, "vitest.config.ts"), project: ["contract"], watch: false, reporters: [reporter] },
      {},
      { stdout, stderr },
    );
    setVariables(await variables);
    await vitest.start();
  } catch (error) {
    return { tests: [], errors: [`The contract suite could not run: ${error instanceof Error ? error.message : String(error)}`], ms: 0 };
  } finally {
    await vitest?.close();
    setVariables(saved);
    // vitest sets the exit code of the process it runs in; the caller decides it here.
    process.exitCode = exitCode;
  }
  return outcome ?? { tests: [], errors: ["The contract suite did not report any result."], ms: 0 };
}
