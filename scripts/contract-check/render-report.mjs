// @ts-check
/** The contract check's readable report: static checks, then per operation pass/fail with each violation. */
import { describeRecords } from "../lib/created-records.mjs";
import { WHOLE_SPEC } from "./operation-reporter.mjs";

/**
 * @typedef {import("./static-checks.mjs").StepResult} StepResult
 * @typedef {import("./operation-reporter.mjs").SuiteOutcome} SuiteOutcome
 * @typedef {import("./operation-reporter.mjs").TestOutcome} TestOutcome
 * @typedef {{ operation: string, status: "PASS" | "FAIL" | "SKIP", tests: TestOutcome[] }} OperationOutcome
 */

const MARK = { passed: "✓", failed: "✗", skipped: "-", "not run": "-", pending: "-" };

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Indents every line of `text` and keeps at most `max` of them.
 * @param {string} text
 * @param {string} indent
 * @param {number} [max]
 */
function indented(text, indent, max = 12) {
  const lines = text.trim().split("\n");
  const kept = lines.slice(0, max).map((line) => `${indent}${line}`);
  if (lines.length > max) kept.push(`${indent}… (${lines.length - max} more lines)`);
  return kept.join("\n");
}

/**
 * The static checks, one line each, with the report of a failed one.
 * @param {StepResult[]} steps
 */
export function renderSteps(steps) {
  const lines = ["Static checks"];
  for (const step of steps) {
    const time = step.status === "passed" || step.status === "failed" ? `  (${seconds(step.ms)})` : "";
    lines.push(`  ${MARK[step.status]} ${step.step.padEnd(10)} ${step.title}${step.status === "passed" || step.status === "failed" ? "" : `: ${step.status}`}${time}`);
    if (step.status === "failed" && step.detail) lines.push(indented(step.detail, "      ", 40));
    if (step.status === "not run" && step.detail) lines.push(`      ${step.detail}`);
  }
  return lines.join("\n");
}

/**
 * The suite's tests grouped by operation, in the order they first appear.
 * @param {TestOutcome[]} tests
 * @returns {OperationOutcome[]}
 */
export function byOperation(tests) {
  /** @type {Map<string, TestOutcome[]>} */
  const groups = new Map();
  for (const test of tests) groups.set(test.operation, [...(groups.get(test.operation) ?? []), test]);
  return [...groups].map(([operation, group]) => ({
    operation,
    status: group.some((t) => t.state === "failed") ? "FAIL" : group.some((t) => t.state === "passed") ? "PASS" : "SKIP",
    tests: group,
  }));
}

/**
 * One failed test: each Prism violation as `path: message`, then the test's errors (without the
 * generic "Prism reported sl-violations" assertion, which the violations already show).
 * @param {TestOutcome} test
 */
function renderFailure(test) {
  const lines = [`    ✗ ${test.name}  (${test.file})`];
  for (const violation of test.violations) lines.push(`        ${violation.path || "(whole exchange)"}: ${violation.message}  [Prism ${violation.severity}]`);
  const errors = test.violations.length > 0 ? test.errors.filter((e) => !e.startsWith("Prism reported sl-violations")) : test.errors;
  for (const error of errors) lines.push(indented(error, "        ", 8));
  return lines.join("\n");
}

/**
 * Per operation: PASS / FAIL / SKIP with counts, every failed test with its violations, and why tests
 * were skipped.
 * @param {SuiteOutcome} suite
 * @param {string} target a description of what the suite ran against.
 */
export function renderSuite(suite, target) {
  const files = new Set(suite.tests.map((t) => t.file)).size;
  const lines = [`Contract suite against ${target} (${files} files, ${suite.tests.length} tests, ${seconds(suite.ms)})`];
  for (const op of byOperation(suite.tests)) {
    const count = (/** @type {string} */ state) => op.tests.filter((t) => t.state === state).length;
    const counts = [`${count("passed")} passed`, count("failed") && `${count("failed")} failed`, count("skipped") && `${count("skipped")} skipped`];
    lines.push(`  ${op.status}  ${op.operation}  (${counts.filter(Boolean).join(", ")})`);
    for (const test of op.tests.filter((t) => t.state === "failed")) lines.push(renderFailure(test));
    const notes = new Map();
    for (const test of op.tests.filter((t) => t.state === "skipped")) notes.set(test.note ?? "skipped", (notes.get(test.note ?? "skipped") ?? 0) + 1);
    for (const [note, n] of notes) lines.push(`    - ${n} skipped: ${note}`);
  }
  for (const error of suite.errors) lines.push(indented(error, "  ! ", 12));
  return lines.join("\n");
}

/**
 * The records list (or that there are none) for a real target.
 * @param {import("../lib/created-records.mjs").CreatedRecord[]} records
 */
export function renderRecords(records) {
  return records.length > 0 ? describeRecords(records) : "Records created on the target: none.";
}

/**
 * True when every static check that ran passed and the suite ran without a failure or an error.
 * @param {StepResult[]} steps
 * @param {SuiteOutcome | undefined} suite
 */
export function passed(steps, suite) {
  if (steps.some((s) => s.status === "failed" || s.status === "not run")) return false;
  if (!suite || suite.errors.length > 0 || suite.tests.length === 0) return false;
  return suite.tests.every((t) => t.state !== "failed");
}

/**
 * The closing line.
 * @param {StepResult[]} steps
 * @param {SuiteOutcome | undefined} suite
 */
export function renderSummary(steps, suite) {
  const failedSteps = steps.filter((s) => s.status === "failed").map((s) => s.step);
  const operations = suite ? byOperation(suite.tests) : [];
  const failedOps = operations.filter((op) => op.status === "FAIL").map((op) => op.operation);
  if (passed(steps, suite)) {
    const specOperations = operations.filter((op) => op.operation !== WHOLE_SPEC).length;
    return `Result: PASS (${specOperations} operation(s), ${suite?.tests.length ?? 0} tests)`;
  }
  const why = [
    failedSteps.length > 0 && `static checks failed: ${failedSteps.join(", ")}`,
    !suite && failedSteps.length > 0 && "the contract suite did not run",
    failedOps.length > 0 && `operations failed: ${failedOps.join(", ")}`,
    suite && suite.errors.length > 0 && "the suite reported errors",
    suite && suite.tests.length === 0 && "no contract test ran",
  ].filter(Boolean);
  return `Result: FAIL (${why.join("; ")})`;
}
