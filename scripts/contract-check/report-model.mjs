// @ts-check
/**
 * What the contract check reports, whatever it ran against: static checks, then per operation of the spec
 * its tests (passed, failed, skipped) or why it was not checked, and the records a tenant run created. The
 * readable report and the JUnit file are both made from this.
 */

/**
 * One check before the tests: lint, drift, typecheck.
 * @typedef {{
 *   step: string,
 *   title: string,
 *   status: "passed" | "failed" | "skipped" | "not run",
 *   detail?: string,
 *   ms: number,
 * }} StepResult
 */

/**
 * One test of an operation. `failure`: why it failed, one line each (violations with their paths, what the
 * tenant really answered); `note`: why it was skipped, or, on a passed test, the documented error status the
 * tenant answered with; `requests`: how many it sent.
 * @typedef {{
 *   name: string,
 *   state: "passed" | "failed" | "skipped",
 *   ms: number,
 *   requests: number,
 *   failure: string[],
 *   note?: string,
 * }} TestReport
 */

/**
 * One operation: `passed` (checked: at least one test passed, none failed), `failed`, or `not checked`
 * (no test passed or failed; `reasons` say why). `title`: e.g. `GET /api/chat/chatroom/{identifier}`.
 * `whole`: not an operation but the tests of the spec as a whole (in the mock suite); its tests count, it does not.
 * @typedef {{
 *   operation: string,
 *   title: string,
 *   status: "passed" | "failed" | "not checked",
 *   reasons: string[],
 *   tests: TestReport[],
 *   whole?: boolean,
 * }} OperationReport
 */

/**
 * A record a tenant run created and could not delete (`id` null: unknown).
 * @typedef {{ resource: string, id: string | null, where: string, createdBy: string, why: string }} Leftover
 */

/**
 * The records of a tenant run: how many it created and deleted, and what is left for a person to remove.
 * @typedef {{ created: number, deleted: number, leftovers: Leftover[] }} RecordsReport
 */

/**
 * The whole report. `errors`: failures outside any operation (the suite did not load, Prism did not start);
 * `stopped`: why the run ended early (the tenant stopped answering, it was interrupted); `logs`: where the
 * logs are kept, when they are.
 * @typedef {{
 *   target: string,
 *   steps: StepResult[],
 *   operations: OperationReport[] | undefined,
 *   errors: string[],
 *   records?: RecordsReport,
 *   stopped?: string,
 *   logs?: string,
 *   ms: number,
 * }} ContractReport
 */

/**
 * The counts of the summary. Only tests that ran count as passed; a skipped test is counted as skipped.
 * @param {ContractReport} report
 */
export function countReport(report) {
  const tests = (report.operations ?? []).flatMap((op) => op.tests);
  const operations = (report.operations ?? []).filter((op) => !op.whole);
  return {
    operations: operations.length,
    checked: operations.filter((op) => op.status !== "not checked").length,
    failedOperations: operations.filter((op) => op.status === "failed").length,
    notChecked: operations.filter((op) => op.status === "not checked").length,
    tests: tests.length,
    passed: tests.filter((t) => t.state === "passed").length,
    failed: tests.filter((t) => t.state === "failed").length,
    skipped: tests.filter((t) => t.state === "skipped").length,
  };
}

/**
 * True when every static check that ran passed, tests ran and none failed, the run was not cut short, and
 * no record is left behind.
 * @param {ContractReport} report
 */
export function reportPassed(report) {
  if (report.steps.some((s) => s.status === "failed" || s.status === "not run")) return false;
  if (!report.operations || report.errors.length > 0 || report.stopped !== undefined) return false;
  const counts = countReport(report);
  if (counts.passed === 0 || counts.failed > 0) return false;
  return (report.records?.leftovers.length ?? 0) === 0;
}
