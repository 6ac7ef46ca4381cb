// @ts-check
/** The last line of `npm test` (`summaryLine`), and the vitest reporter that counts the run for it (the default export). */
import { writeFileSync } from "node:fs";
import path from "node:path";

/**
 * What vitest's run came to, as the reporter writes it.
 * @typedef {{
 *   reason: "passed" | "failed" | "interrupted",
 *   files: number,
 *   tests: { passed: number, failed: number, skipped: number },
 *   failedFiles: Array<{ file: string, project: string, failedTests: number }>,
 *   unhandledErrors: number,
 * }} VitestSummary
 */

/**
 * What `npm test` saw of each part.
 * @typedef {{
 *   vitest: { code: number, summary: VitestSummary | undefined },
 *   typecheck: { code: number, output: string },
 *   seconds: number,
 * }} TestRun
 */

/** `1 failed test`, `1,145 tests`. @param {number} count @param {string} noun */
function counted(count, noun) {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * How vitest's part went, in a few words; `ok` is false when it failed in any way.
 * @param {TestRun["vitest"]} vitest
 * @returns {{ ok: boolean, text: string }}
 */
function describeVitest({ code, summary }) {
  // No report: vitest stopped before the end of its run (a broken config, a crash, a signal).
  if (!summary) return { ok: false, text: `vitest: ended without a report (exit code ${code}); see its output above` };
  if (summary.reason === "interrupted") return { ok: false, text: "vitest: interrupted before every test ran" };
  const problems = [];
  const files = summary.failedFiles;
  const withTests = files.filter((file) => file.failedTests > 0).length;
  // A file can fail with no failed test (a hook that failed or timed out, an import that threw): count it apart,
  // or "0 failed tests" would read as fine.
  const outside = files.length - withTests;
  if (summary.tests.failed > 0) problems.push(`${counted(summary.tests.failed, "failed test")} in ${counted(withTests, "file")}`);
  if (outside > 0) problems.push(`${counted(outside, "file")} failed in a hook or on import`);
  if (files.length > 0) problems[problems.length - 1] += ` (${[...new Set(files.map((file) => file.project))].sort().join(", ")})`;
  if (summary.unhandledErrors > 0) problems.push(counted(summary.unhandledErrors, "unhandled error"));
  if (summary.files === 0) problems.push("no test files found");
  if (problems.length === 0 && code !== 0) problems.push(`exit code ${code} although no test failed; see its output above`);
  else if (problems.length === 0 && summary.reason !== "passed") problems.push("the run failed although no test failed; see its output above");
  if (problems.length > 0) return { ok: false, text: `vitest: ${problems.join(", ")}` };
  const skipped = summary.tests.skipped > 0 ? ` (${summary.tests.skipped.toLocaleString("en-US")} skipped)` : "";
  return { ok: true, text: `${counted(summary.tests.passed, "test")} in ${counted(summary.files, "file")}${skipped}` };
}

/**
 * The line `npm test` ends with, "passed" only when vitest and the type-check passed, e.g.
 * `npm test: FAILED — vitest: 2 failed tests in 1 file (unit); typecheck passed; 41.2 s`.
 * @param {TestRun} run
 * @returns {{ ok: boolean, line: string }}
 */
export function summaryLine({ vitest, typecheck, seconds }) {
  const tests = describeVitest(vitest);
  const took = `${seconds.toFixed(1)} s`;
  if (tests.ok && typecheck.code === 0) return { ok: true, line: `npm test: passed — ${tests.text}, typecheck passed; ${took}` };
  const vitestPart = tests.ok ? `vitest passed (${tests.text})` : tests.text;
  const errors = typecheck.output.match(/error TS\d+:/g)?.length ?? 0;
  const types = typecheck.code === 0 ? "typecheck: passed" : `typecheck: FAILED (${errors > 0 ? counted(errors, "error") : `exit code ${typecheck.code}`})`;
  return { ok: false, line: `npm test: FAILED — ${vitestPart}; ${types}; ${took}` };
}

/**
 * A vitest reporter that prints nothing and writes the run's `VitestSummary` as JSON to the file named by
 * `IWERP_TEST_SUMMARY_FILE`; unlike vitest's own counts, it names the project of each failed file.
 */
export default class VitestSummaryReporter {
  /**
   * @param {ReadonlyArray<import("vitest/node").TestModule>} modules
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
