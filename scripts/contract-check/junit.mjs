// @ts-check
/**
 * The contract check as JUnit XML for CI systems: one `<testsuite>` for the static checks and one per
 * operation of the spec (an operation that was not checked holds one skipped case saying why), then the
 * run's own failures (stopped early, could not run) and, for a write run, whether every record it created
 * was deleted.
 */
import { renderRecords } from "./render-report.mjs";

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
 * @param {import("./report-model.mjs").ContractReport} report
 */
export function junitXml(report) {
  const suites = [
    testsuite(
      "static checks",
      report.steps.map((s) => ({
        name: `${s.step}: ${s.title}`,
        ms: s.ms,
        ...(s.status === "failed" ? { failure: s.detail ?? "failed" } : {}),
        ...(s.status === "skipped" || s.status === "not run" ? { skipped: s.detail ?? s.status } : {}),
      })),
    ),
  ];
  for (const op of report.operations ?? []) {
    /** @type {Case[]} */
    const cases = op.tests.map((t) => ({
      name: t.name,
      ms: t.ms,
      ...(t.state === "failed" ? { failure: t.failure.join("\n") || "failed" } : {}),
      ...(t.state === "skipped" ? { skipped: t.note ?? "skipped" } : {}),
    }));
    if (op.status === "not checked" && cases.every((c) => c.skipped !== undefined)) {
      cases.push({ name: "not checked", ms: 0, skipped: op.reasons.join("; ") });
    }
    suites.push(testsuite(op.operation, cases, op.title));
  }
  const runFailures = [...(report.stopped !== undefined ? [`stopped early: ${report.stopped}`] : []), ...report.errors];
  if (runFailures.length > 0) suites.push(testsuite("the run", runFailures.map((failure, i) => ({ name: `problem ${i + 1}`, ms: 0, failure }))));
  if (report.records) {
    const text = renderRecords(report.records);
    const left = report.records.leftovers.length > 0 ? { failure: text } : {};
    suites.push(testsuite("records created on the tenant", [{ name: "every record the run created was deleted", ms: 0, ...left }], text));
  }
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
