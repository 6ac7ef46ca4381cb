// @ts-check
/**
 * The contract check as JUnit XML for CI systems: one `<testsuite>` for the static checks, one per spec
 * operation, and the records created on a real target as output of the run.
 */
import { byOperation } from "./render-report.mjs";
import { describeRecords } from "../lib/created-records.mjs";

/**
 * Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold.
 * @param {string} text
 */
function xml(text) {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * @typedef {{ name: string, ms: number, failure?: string, skipped?: string }} Case
 */

/**
 * One `<testsuite>`.
 * @param {string} name
 * @param {Case[]} cases
 * @param {string} [output] text for `<system-out>`.
 */
function testsuite(name, cases, output) {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const time = (cases.reduce((sum, c) => sum + c.ms, 0) / 1000).toFixed(3);
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(name)}" name="${xml(c.name)}" time="${(c.ms / 1000).toFixed(3)}"`;
    if (c.failure !== undefined) {
      const first = c.failure.split("\n")[0] ?? "";
      return `${open}>\n      <failure message="${xml(first)}">${xml(c.failure)}</failure>\n    </testcase>`;
    }
    if (c.skipped !== undefined) return `${open}>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>`;
    return `${open}/>`;
  });
  const out = output ? [`    <system-out>${xml(output)}</system-out>`] : [];
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
    ...body,
    ...out,
    "  </testsuite>",
  ].join("\n");
}

/**
 * The whole report as a JUnit XML document.
 * @param {{
 *   steps: import("./static-checks.mjs").StepResult[],
 *   suite: import("./operation-reporter.mjs").SuiteOutcome | undefined,
 *   records: import("../lib/created-records.mjs").CreatedRecord[] | undefined,
 * }} report `records` is undefined against the mock.
 */
export function junitXml({ steps, suite, records }) {
  const suites = [
    testsuite(
      "static checks",
      steps.map((s) => ({
        name: `${s.step}: ${s.title}`,
        ms: s.ms,
        ...(s.status === "failed" ? { failure: s.detail ?? "failed" } : {}),
        ...(s.status === "skipped" || s.status === "not run" ? { skipped: s.detail ?? s.status } : {}),
      })),
    ),
  ];
  for (const op of byOperation(suite?.tests ?? [])) {
    const cases = op.tests.map((t) => ({
      name: t.name,
      ms: t.ms,
      ...(t.state === "failed"
        ? { failure: [...t.violations.map((v) => `${v.path || "(whole exchange)"}: ${v.message} [Prism ${v.severity}]`), ...t.errors].join("\n") }
        : {}),
      ...(t.state === "skipped" || t.state === "pending" ? { skipped: t.note ?? "skipped" } : {}),
    }));
    suites.push(testsuite(op.operation, cases));
  }
  const errors = suite?.errors ?? [];
  if (errors.length > 0) suites.push(testsuite("suite errors", errors.map((e, i) => ({ name: `error ${i + 1}`, ms: 0, failure: e }))));
  if (records) suites.push(testsuite("records created on the target", [], records.length > 0 ? describeRecords(records) : "none"));
  const all = suites.join("\n");
  const total = (/** @type {RegExp} */ re) => [...all.matchAll(re)].length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iwerp-contract" tests="${total(/<testcase /g)}" failures="${total(/<failure /g)}" skipped="${total(/<skipped /g)}">`,
    all,
    "</testsuites>",
    "",
  ].join("\n");
}
