// @ts-check
/**
 * A vitest reporter that prints nothing and writes what the run came to (files, tests by state, the files
 * that failed with their project, unhandled errors) as JSON to the file named by `IWERP_TEST_SUMMARY_FILE`.
 * `scripts/test.mjs` adds it beside the default reporter and words the last line of `npm test` from it;
 * unlike the counts in vitest's own output, this names the project of each failed file.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";

/** @typedef {import("vitest/node").TestModule} TestModule */
/** @typedef {import("./test-summary.mjs").VitestSummary} VitestSummary */

/** The reporter; vitest constructs it from `--reporter=<this file>`. */
export default class VitestSummaryReporter {
  /**
   * Counts the run's tests and failed files, and writes them to `IWERP_TEST_SUMMARY_FILE`.
   * @param {ReadonlyArray<TestModule>} modules
   * @param {ReadonlyArray<unknown>} unhandledErrors
   * @param {VitestSummary["reason"]} reason
   */
  onTestRunEnd(modules, unhandledErrors, reason) {
    const file = process.env.IWERP_TEST_SUMMARY_FILE;
    if (!file) return;
    const tests = { passed: 0, failed: 0, skipped: 0 };
    /** @type {VitestSummary["failedFiles"]} */
    const failedFiles = [];
    for (const module of modules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") tests.passed++;
        else if (state === "failed") (tests.failed++, failedTests++);
        else tests.skipped++;
      }
      // A module fails also without a failed test: an import that threw, a beforeAll/afterAll that failed or timed out.
      if (module.state() === "failed" || failedTests > 0 || module.errors().length > 0) {
        failedFiles.push({ file: path.relative(process.cwd(), module.moduleId), project: module.project.name || "(root)", failedTests });
      }
    }
    /** @type {VitestSummary} */
    const summary = { reason, files: modules.length, tests, failedFiles, unhandledErrors: unhandledErrors.length };
    writeFileSync(file, JSON.stringify(summary));
  }
}
