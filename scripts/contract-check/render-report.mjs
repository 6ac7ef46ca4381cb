// @ts-check
/**
 * The contract check's readable report: static checks; per operation checked, failed (each failed test with why)
 * or not checked (why); the records a tenant run left behind; one summary line that never counts a skip as a pass.
 */
import { countReport, reportFailures } from "./report-model.mjs";

export { renderRecords } from "./report-model.mjs";

/**
 * @typedef {import("./report-model.mjs").ContractReport} ContractReport
 * @typedef {import("./report-model.mjs").OperationReport} OperationReport
 * @typedef {import("./report-model.mjs").StepResult} StepResult
 */

const MARK = { passed: "✓", failed: "✗", skipped: "-", "not run": "-", "not checked": "-" };
const LABEL = { passed: "checked    ", failed: "FAILED     ", "not checked": "not checked" };

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Indents every line of `text` (a string, or its lines) and keeps at most `max` of them.
 * @param {string | string[]} text
 * @param {string} indent
 * @param {number} [max]
 */
function indented(text, indent, max = 12) {
  const lines = typeof text === "string" ? text.trim().split("\n") : text;
  const kept = lines.slice(0, max).map((line) => `${indent}${line}`);
  if (lines.length > max) kept.push(`${indent}… (${lines.length - max} more lines)`);
  return kept.join("\n");
}

/**
 * The static checks, one line each, with the report of a failed one; all skipped for one reason (an installed
 * command), one line.
 * @param {StepResult[]} steps
 */
export function renderSteps(steps) {
  const reasons = new Set(steps.map((step) => (step.status === "skipped" ? step.detail : undefined)));
  if (steps.length > 0 && reasons.size === 1 && !reasons.has(undefined) && !reasons.has("--skip")) {
    return `Static checks (${steps.map((step) => step.step).join(", ")}): not run: ${[...reasons][0]}`;
  }
  const lines = ["Static checks"];
  for (const step of steps) {
    const ran = step.status === "passed" || step.status === "failed";
    const why = step.status === "skipped" && step.detail === "--skip" ? " (--skip)" : "";
    lines.push(`  ${MARK[step.status]} ${step.step.padEnd(10)} ${step.title}${ran ? `  (${seconds(step.ms)})` : `: ${step.status}${why}`}`);
    if (step.status === "failed" && step.detail) lines.push(indented(step.detail, "      ", 40));
    if (step.status !== "passed" && step.status !== "failed" && step.detail && !why) lines.push(`      ${step.detail}`);
  }
  return lines.join("\n");
}

/**
 * One operation: its line, each failed test with why, and why tests were skipped or it was not checked.
 * @param {OperationReport} op
 * @param {number} width the operationIds are padded to.
 */
function renderOperation(op, width) {
  const requests = op.tests.reduce((sum, t) => sum + t.requests, 0);
  const tests = ["passed", "failed", "skipped"].map((state) => `${op.tests.filter((t) => t.state === state).length} ${state}`).filter((count) => !count.startsWith("0 "));
  const counts = op.tests.length === 0 ? "" : `  (tests: ${tests.join(", ")}${requests > 0 ? `; ${requests} request${requests === 1 ? "" : "s"}` : ""})`;
  const lines = [`  ${MARK[op.status]} ${LABEL[op.status]}  ${op.title ? `${op.operation.padEnd(width)}  ${op.title}` : op.operation}${counts}`];
  for (const test of op.tests.filter((t) => t.state === "failed")) lines.push(`      ✗ ${test.name}`, indented(test.failure, "          ", 20));
  if (op.status === "not checked") {
    for (const reason of op.reasons) lines.push(`      ${reason}`);
  } else {
    /** @type {Map<string, number>} */
    const notes = new Map();
    for (const test of op.tests.filter((t) => t.state === "skipped")) notes.set(test.note ?? "skipped", (notes.get(test.note ?? "skipped") ?? 0) + 1);
    for (const [note, n] of notes) lines.push(`      - ${n} skipped: ${note}`);
    // A passed test with a note conformed with a documented error answer: the report says which.
    for (const test of op.tests.filter((t) => t.state === "passed" && t.note)) lines.push(`      ✓ ${test.name}: ${test.note}`);
  }
  return lines.join("\n");
}

/** @param {ReturnType<typeof countReport>} c @returns {string} `n checked (m failed), k not checked`. */
const operationCounts = (c) => `${c.checked} checked (${c.failedOperations} failed), ${c.notChecked} not checked`;

/** The operations, in the spec's order, under a heading with their counts. @param {ContractReport} report */
export function renderOperations(report) {
  const operations = report.operations ?? [];
  const heading = `Operations: ${operationCounts(countReport(report))}, against ${report.target}  (${seconds(report.ms)})`;
  const width = Math.max(0, ...operations.map((op) => op.operation.length));
  return [heading, ...operations.map((op) => renderOperation(op, width)), ...report.errors.map((error) => indented(error, "  ! ", 12))].join("\n");
}

/** The closing line: PASS or FAIL, why (`reportFailures`), and the counts. @param {ContractReport} report */
export function renderSummary(report) {
  const c = countReport(report);
  const counts = report.operations ? `operations: ${operationCounts(c)}; tests: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : "no operation checked";
  const why = reportFailures(report);
  return why.length === 0 ? `Result: PASS — ${counts}` : `Result: FAIL (${why.join("; ")}) — ${counts}`;
}
