// @ts-check
/**
 * The contract check as JUnit XML for CI systems: one `<testsuite>` for the static checks and one per
 * operation of the spec (an operation that was not checked holds one skipped case saying why), then the
 * run's own failures (stopped early, could not run) and, for a write run, whether every record it created
 * was deleted.
 */
import { countReport, reportSuites } from "./report-model.mjs";

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
 * One `<testsuite>`.
 * @param {import("./report-model.mjs").ReportSuite} suite
 */
function testsuite({ name, cases, output }) {
  const failures = cases.filter((c) => c.state === "failed").length;
  const skipped = cases.filter((c) => c.state === "skipped").length;
  const time = (cases.reduce((sum, c) => sum + c.ms, 0) / 1000).toFixed(3);
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(name)}" name="${xml(c.name)}" time="${(c.ms / 1000).toFixed(3)}"`;
    const text = c.text ?? c.state;
    if (c.state === "failed") {
      const first = text.split("\n")[0] ?? "";
      return `${open}>\n      <failure message="${xml(first)}">${xml(text)}</failure>\n    </testcase>`;
    }
    if (c.state === "skipped") return `${open}>\n      <skipped message="${xml(text)}"/>\n    </testcase>`;
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
