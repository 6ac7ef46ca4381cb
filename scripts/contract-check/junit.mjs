// @ts-check
/** The contract check as JUnit XML for CI systems: a `<testsuite>` for each of `reportSuites`. */
import { countReport, reportSuites } from "./report-model.mjs";

/** @param {string} text @returns {string} escaped for XML content and attributes, without what XML 1.0 cannot hold. */
function xml(text) {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** @param {import("./report-model.mjs").ReportSuite} suite @returns {string} its `<testsuite>`. */
function testsuite({ name, cases, output }) {
  const count = (/** @type {string} */ state) => cases.filter((c) => c.state === state).length;
  const time = (/** @type {number} */ ms) => (ms / 1000).toFixed(3);
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(name)}" name="${xml(c.name)}" time="${time(c.ms)}"`;
    const text = c.text ?? c.state;
    if (c.state === "passed") return `${open}/>`;
    const inner = c.state === "failed" ? `<failure message="${xml(text.split("\n")[0] ?? "")}">${xml(text)}</failure>` : `<skipped message="${xml(text)}"/>`;
    return `${open}>\n      ${inner}\n    </testcase>`;
  });
  const totals = `tests="${cases.length}" failures="${count("failed")}" errors="0" skipped="${count("skipped")}" time="${time(cases.reduce((sum, c) => sum + c.ms, 0))}"`;
  const out = output ? [`    <system-out>${xml(output)}</system-out>`] : [];
  return [`  <testsuite name="${xml(name)}" ${totals}>`, ...body, ...out, "  </testsuite>"].join("\n");
}

/**
 * The whole report as a JUnit XML document; its totals are the summary's counts (`countReport`).
 * @param {import("./report-model.mjs").ContractReport} report
 */
export function junitXml(report) {
  const counts = countReport(report);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iwerp-contract" tests="${counts.passed + counts.failed + counts.skipped}" failures="${counts.failed}" skipped="${counts.skipped}">`,
    reportSuites(report).map(testsuite).join("\n"),
    "</testsuites>",
    "",
  ].join("\n");
}
