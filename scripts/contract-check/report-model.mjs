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
 * One test case as the JUnit file holds it: `text` is why it failed or was skipped.
 * @typedef {{ name: string, ms: number, state: "passed" | "failed" | "skipped", text?: string }} ReportCase
 */

/**
 * One test suite as the JUnit file holds it; `output` goes to its `<system-out>`.
 * @typedef {{ name: string, cases: ReportCase[], output?: string }} ReportSuite
 */

/**
 * One record left on the tenant, as a line of a list: what, where, created by what, and why it is left.
 * @param {Leftover} left
 */
export function renderLeftover(left) {
  return `  - ${left.id === null ? `a ${left.resource} (id unknown)` : `${left.resource} ${left.id}`} ${left.where}, created by ${left.createdBy}: ${left.why}`;
}

/**
 * What a tenant run created and deleted, and what it left for a person to remove, with ids.
 * @param {RecordsReport | undefined} records undefined: a read-only run.
 */
export function renderRecords(records) {
  if (!records) return "Records: none created (a read-only run sends no POST, PUT or DELETE).";
  const line = `Records: created ${records.created}, deleted ${records.deleted}.`;
  if (records.leftovers.length === 0) return line;
  return [`${line} Left on the tenant, to remove in iwERP by hand:`, ...records.leftovers.map(renderLeftover)].join("\n");
}

/**
 * The report as test suites, the one source of the JUnit file and of the summary's counts: one suite for the
 * static checks, one per operation of the spec (an operation that was not checked holds one skipped case
 * saying why), then the run's own failures (stopped early, could not run) and, for a write run, whether every
 * record it created was deleted.
 * @param {ContractReport} report
 * @returns {ReportSuite[]}
 */
export function reportSuites(report) {
  /** @type {ReportSuite[]} */
  const suites = [
    {
      name: "static checks",
      cases: report.steps.map((s) => ({
        name: `${s.step}: ${s.title}`,
        ms: s.ms,
        ...(s.status === "failed" ? { state: "failed", text: s.detail ?? "failed" } : s.status === "passed" ? { state: "passed" } : { state: "skipped", text: s.detail ?? s.status }),
      })),
    },
  ];
  for (const op of report.operations ?? []) {
    /** @type {ReportCase[]} */
    const cases = op.tests.map((t) => ({
      name: t.name,
      ms: t.ms,
      state: t.state,
      ...(t.state === "failed" ? { text: t.failure.join("\n") || "failed" } : t.state === "skipped" ? { text: t.note ?? "skipped" } : {}),
    }));
    if (op.status === "not checked" && cases.every((c) => c.state === "skipped")) {
      cases.push({ name: "not checked", ms: 0, state: "skipped", text: op.reasons.join("; ") });
    }
    suites.push({ name: op.operation, cases, output: op.title });
  }
  const runFailures = [...(report.stopped !== undefined ? [`stopped early: ${report.stopped}`] : []), ...report.errors];
  if (runFailures.length > 0) suites.push({ name: "the run", cases: runFailures.map((text, i) => ({ name: `problem ${i + 1}`, ms: 0, state: "failed", text })) });
  if (report.records) {
    const text = renderRecords(report.records);
    const left = report.records.leftovers.length > 0;
    suites.push({ name: "records created on the tenant", cases: [{ name: "every record the run created was deleted", ms: 0, state: left ? "failed" : "passed", ...(left ? { text } : {}) }], output: text });
  }
  return suites;
}

/**
 * The counts of the summary. `passed`, `failed` and `skipped` count the cases of `reportSuites`, as the JUnit
 * file does (a static check, a not-checked operation and the run's own checks are cases too); only cases that
 * ran count as passed. `testsRan`: how many tests of the operations passed or failed.
 * @param {ContractReport} report
 */
export function countReport(report) {
  const operations = (report.operations ?? []).filter((op) => !op.whole);
  const cases = reportSuites(report).flatMap((suite) => suite.cases);
  const count = (/** @type {{ status?: string, state?: string }[]} */ list, /** @type {string} */ value) => list.filter((item) => (item.status ?? item.state) === value).length;
  return {
    checked: operations.length - count(operations, "not checked"),
    failedOperations: count(operations, "failed"),
    notChecked: count(operations, "not checked"),
    testsRan: (report.operations ?? []).flatMap((op) => op.tests).filter((t) => t.state !== "skipped").length,
    passed: count(cases, "passed"),
    failed: count(cases, "failed"),
    skipped: count(cases, "skipped"),
  };
}

/**
 * Why the report fails, in a few words each; none when every static check that ran passed, tests ran and none
 * failed, the run was not cut short, and no record is left behind.
 * @param {ContractReport} report
 * @returns {string[]}
 */
export function reportFailures(report) {
  const failedSteps = report.steps.filter((s) => s.status === "failed").map((s) => s.step);
  const failedOps = (report.operations ?? []).filter((op) => op.status === "failed").map((op) => op.operation);
  const leftovers = report.records?.leftovers.length ?? 0;
  return /** @type {string[]} */ (
    [
      failedSteps.length > 0 && `static checks failed: ${failedSteps.join(", ")}`,
      failedSteps.length === 0 && report.steps.some((s) => s.status === "not run") && "a static check did not run",
      failedOps.length > 0 && `operations failed: ${failedOps.join(", ")}`,
      failedSteps.length === 0 && (report.errors.length > 0 || !report.operations) && "the check could not run to its end",
      report.stopped !== undefined && `stopped early: ${report.stopped}`,
      leftovers > 0 && `${leftovers} record${leftovers === 1 ? "" : "s"} left on the tenant`,
      report.operations && countReport(report).testsRan === 0 && "no test ran",
    ].filter(Boolean)
  );
}

/**
 * True when the report has no failure (`reportFailures`).
 * @param {ContractReport} report
 */
export function reportPassed(report) {
  return reportFailures(report).length === 0;
}
