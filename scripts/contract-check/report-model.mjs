// @ts-check
/**
 * What the contract check reports, whatever it ran against: the static checks, then per operation of the spec its
 * tests or why it was not checked, and the records a tenant run created. The readable report and JUnit come from it.
 */

/**
 * @typedef {{ step: string, title: string, status: "passed" | "failed" | "skipped" | "not run", detail?: string, ms: number }}
 *   StepResult one static check: lint, drift, typecheck.
 * @typedef {{
 *   name: string,
 *   state: "passed" | "failed" | "skipped",
 *   ms: number,
 *   requests: number,
 *   failure: string[],
 *   note?: string,
 * }} TestReport one test of an operation. `failure`: why it failed, a line each; `note`: why it was skipped, or,
 *   on a passed test, the documented error status the tenant answered with; `requests`: how many it sent.
 * @typedef {{
 *   operation: string,
 *   title: string,
 *   status: "passed" | "failed" | "not checked",
 *   reasons: string[],
 *   tests: TestReport[],
 *   whole?: boolean,
 * }} OperationReport one operation: `passed` (a test passed, none failed), `failed`, or `not checked` (`reasons`
 *   say why). `title`: e.g. `GET /api/chat/chatroom/{identifier}`. `whole`: the mock suite's tests of the spec as a
 *   whole; its tests count, it does not.
 * @typedef {{ resource: string, id: string | null, where: string, createdBy: string, why: string }} Leftover
 *   a record a tenant run created and could not delete: `id` (null: unknown), `where` (e.g. `in chat room 42`),
 *   `createdBy` (e.g. `POST /api/chat/chatroom_participant`).
 * @typedef {{ created: number, deleted: number, leftovers: Leftover[] }} RecordsReport
 * @typedef {{
 *   target: string,
 *   steps: StepResult[],
 *   operations: OperationReport[] | undefined,
 *   errors: string[],
 *   records?: RecordsReport,
 *   stopped?: string,
 *   ms: number,
 * }} ContractReport `errors`: failures outside any operation (the suite did not load, Prism did not start);
 *   `stopped`: why the run ended early (the tenant stopped answering, it was interrupted).
 * @typedef {{ name: string, ms: number, state: "passed" | "failed" | "skipped", text?: string }} ReportCase
 *   one test case of the JUnit file: `text` is why it failed or was skipped.
 * @typedef {{ name: string, cases: ReportCase[], output?: string }} ReportSuite `output`: its `<system-out>`.
 */

/**
 * An operation's report from its tests: `failed` when one failed, else `passed` when one passed, else `not checked`
 * for `reasons` and the skipped tests' notes, or for `fallback` without any.
 * @param {string} operation
 * @param {string} title
 * @param {TestReport[]} tests
 * @param {string[]} reasons
 * @param {string} fallback
 * @returns {OperationReport}
 */
export function operationReport(operation, title, tests, reasons, fallback) {
  const status = tests.some((t) => t.state === "failed") ? "failed" : tests.some((t) => t.state === "passed") ? "passed" : "not checked";
  const why = [...new Set([...reasons, ...tests.filter((t) => t.state === "skipped").map((t) => t.note ?? "skipped")])];
  return { operation, title, status, reasons: status !== "not checked" ? [] : why.length > 0 ? why : [fallback], tests };
}

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
 * The report as test suites, the one source of the JUnit file and of the summary's counts: the static checks, one
 * suite per operation (one not checked holds a skipped case saying why), the run's own failures (stopped early,
 * could not run) and, for a write run, whether every record it created was deleted.
 * @param {ContractReport} report
 * @returns {ReportSuite[]}
 */
export function reportSuites(report) {
  /** @type {(state: string, text: string | undefined) => Pick<ReportCase, "state" | "text">} */
  const outcome = (state, text) =>
    state === "passed" ? { state } : state === "failed" ? { state, text: text || "failed" } : { state: "skipped", text: text ?? state };
  /** @type {ReportSuite[]} */
  const suites = [{ name: "static checks", cases: report.steps.map((s) => ({ name: `${s.step}: ${s.title}`, ms: s.ms, ...outcome(s.status, s.detail) })) }];
  for (const op of report.operations ?? []) {
    const cases = op.tests.map((t) => ({ name: t.name, ms: t.ms, ...outcome(t.state, t.state === "failed" ? t.failure.join("\n") : t.note) }));
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
 * The summary's counts. `passed`, `failed` and `skipped` count the cases of `reportSuites`, as JUnit does (a static
 * check, a not-checked operation and the run's own checks are cases too). `testsRan`: the operations' tests that ran.
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
 * Why the report fails, in a few words each; none (it passes) when every static check that ran passed, tests ran
 * and none failed, the run was not cut short, and no record is left behind.
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
