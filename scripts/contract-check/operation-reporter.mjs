// @ts-check
/**
 * A vitest reporter that sorts the contract suite's results by spec operation: the top-level
 * `describe("<operationId>")` of each test, with Prism's violations the test recorded.
 */
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

/**
 * @typedef {{ path: string, message: string, severity: string }} Violation
 * @typedef {{
 *   operation: string,
 *   file: string,
 *   name: string,
 *   state: "passed" | "failed" | "skipped" | "pending",
 *   ms: number,
 *   errors: string[],
 *   violations: Violation[],
 *   note?: string,
 * }} TestOutcome
 * @typedef {{ tests: TestOutcome[], errors: string[], ms: number }} SuiteOutcome
 */

/** The operation a test belongs to when it is not inside such a `describe`. */
export const WHOLE_SPEC = "(whole spec)";

/**
 * The outermost suite of a test: by convention its operationId.
 * @param {import("vitest/node").TestCase} test
 */
function operationOf(test) {
  /** @type {import("vitest/node").TestCase["parent"]} */
  let node = test.parent;
  let top;
  while (node.type === "suite") {
    top = node;
    node = node.parent;
  }
  return top?.name ?? WHOLE_SPEC;
}

/** Collects the outcome of a contract run; read `outcome` after the run. */
export class OperationReporter {
  /** @type {SuiteOutcome | undefined} */
  outcome;

  /** @type {number} */
  #started = performance.now();

  /** @param {import("vitest/node").Vitest} vitest */
  onInit(vitest) {
    this.root = vitest.config.root;
    this.#started = performance.now();
  }

  /**
   * @param {ReadonlyArray<import("vitest/node").TestModule>} modules
   * @param {ReadonlyArray<{ message?: string, name?: string }>} unhandledErrors
   */
  onTestRunEnd(modules, unhandledErrors) {
    /** @type {TestOutcome[]} */
    const tests = [];
    const errors = unhandledErrors.map((error) => stripVTControlCharacters(`${error.name ?? "Error"}: ${error.message ?? ""}`));
    for (const module of modules) {
      const file = path.relative(this.root ?? process.cwd(), module.moduleId);
      for (const error of module.errors()) errors.push(stripVTControlCharacters(`${file}: ${error.message}`));
      for (const test of module.children.allTests()) {
        const result = test.result();
        tests.push({
          operation: operationOf(test),
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
    this.outcome = { tests, errors, ms: Math.round(performance.now() - this.#started) };
  }
}
