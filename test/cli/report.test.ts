import { expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { junitXml } from "../../scripts/contract-check/junit.mjs";
import { operationsOfSuite } from "../../scripts/contract-check/mock-mode.mjs";
import type { TestOutcome } from "../../scripts/contract-check/run-suite.mjs";
import { renderOperations, renderRecords, renderSummary } from "../../scripts/contract-check/render-report.mjs";
import type { ContractReport } from "../../scripts/contract-check/report-model.mjs";

/*
 * The report and the JUnit file from results, without running anything: the counts are truthful, and a
 * skipped test never counts as passed.
 */

const steps: ContractReport["steps"] = [{ step: "lint", title: "the spec lints", status: "skipped", detail: "--skip", ms: 0 }];

function outcome(operation: string, name: string, state: TestOutcome["state"], extra: Partial<TestOutcome> = {}): TestOutcome {
  return { operation, file: "contract-tests/x.test.ts", name, state, ms: 3, errors: [], violations: [], ...extra };
}

test("a suite with most tests skipped says so: skipped tests are counted as skipped, an operation with no test run is not checked", () => {
  const tests = [
    ...Array.from({ length: 6 }, (_, i) => outcome("post_chatroom_participant_post", `case ${i}`, "passed")),
    ...Array.from({ length: 31 }, (_, i) => outcome("post_chatroom_participant_post", `generated ${i}`, "skipped", { note: "runs against the mock only" })),
  ];
  const operations = operationsOfSuite(tests, OPERATIONS);
  const report: ContractReport = { target: "a tenant", steps, operations, errors: [], ms: 1200 };

  expect(operations.map((op) => op.operation)).toEqual(Object.keys(OPERATIONS));
  expect(operations.find((op) => op.operation === "post_chatroom_participant_post")?.status).toBe("passed");
  expect(operations.find((op) => op.operation === "get_chatroom_get")).toMatchObject({ status: "not checked", reasons: ["the contract suite has no test of it"] });
  const text = renderOperations(report);
  expect(text).toMatch(/✓ checked {6}post_chatroom_participant_post +POST \/api\/chat\/chatroom_participant {2}\(tests: 6 passed, 31 skipped\)\n {6}- 31 skipped: runs against the mock only/);
  // Skipped, as in the JUnit file: the 31 tests, the lint step (--skip) and the 16 operations not checked.
  expect(renderSummary(report)).toBe("Result: PASS — operations: 1 checked (0 failed), 16 not checked; tests: 6 passed, 0 failed, 48 skipped");
  expect(junitXml(report)).toMatch(/<testsuites name="iwerp-contract" tests="54" failures="0" skipped="48">/);
});

test("failed tests show each violation with its path, and fail the run", () => {
  const violations = [{ path: "response.body.id", message: "Response body property id must be integer", severity: "Error" }];
  const tests = [
    outcome("get_chatroom_get", "answers", "failed", { violations, errors: ["Prism reported sl-violations: expected [ …(1) ] to deeply equal []", "ResponseValidationError: /id: must be integer"] }),
    outcome("(whole spec)", "every operation has tests", "passed"),
  ];
  const report: ContractReport = { target: "the mock", steps, operations: operationsOfSuite(tests, OPERATIONS), errors: [], ms: 10 };

  const text = renderOperations(report);
  expect(text).toMatch(/✗ FAILED {7}get_chatroom_get +GET \/api\/chat\/chatroom\/\{identifier\} {2}\(tests: 1 failed\)\n {6}✗ answers\n {10}\(contract-tests\/x\.test\.ts\)\n {10}response\.body\.id: Response body property id must be integer {2}\[Prism Error\]\n {10}ResponseValidationError: \/id: must be integer/);
  expect(text).not.toContain("Prism reported sl-violations");
  // The tests of the spec as a whole count as tests, not as an operation.
  expect(renderSummary(report)).toBe("Result: FAIL (operations failed: get_chatroom_get) — operations: 1 checked (1 failed), 16 not checked; tests: 1 passed, 1 failed, 17 skipped");
});

test("JUnit has one test suite per operation, a not-checked one with a skipped case saying why, and the records a run left", () => {
  const report: ContractReport = {
    target: "a tenant",
    steps,
    operations: [
      { operation: "get_chatroom_get", title: "GET /api/chat/chatroom/{identifier}", status: "passed", reasons: [], tests: [{ name: "reads chatroom 42", state: "passed", ms: 12, requests: 1, failure: [] }] },
      { operation: "post_post_login", title: "POST /api/logins", status: "not checked", reasons: ["needs a password"], tests: [] },
    ],
    errors: [],
    records: {
      created: 2,
      deleted: 1,
      leftovers: [
        { resource: "chatroom_participant", id: "43", where: "in chat room 42", createdBy: "POST /api/chat/chatroom_participant", why: "the tenant did not answer" },
        { resource: "chatroom_message_reaction", id: null, where: "in chat room 42", createdBy: "POST /api/cp/…", why: "the tenant may have created it" },
      ],
    },
    ms: 20,
  };
  const xml = junitXml(report);

  expect([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual(["static checks", "get_chatroom_get", "post_post_login", "records created on the tenant"]);
  expect(xml).toContain('<testcase classname="post_post_login" name="not checked" time="0.000">\n      <skipped message="needs a password"/>');
  expect(xml).toMatch(/<testsuites name="iwerp-contract" tests="4" failures="1" skipped="2">/);
  expect(renderRecords(report.records)).toBe(
    [
      "Records: created 2, deleted 1. Left on the tenant, to remove in iwERP by hand:",
      "  - chatroom_participant 43 in chat room 42, created by POST /api/chat/chatroom_participant: the tenant did not answer",
      "  - a chatroom_message_reaction (id unknown) in chat room 42, created by POST /api/cp/…: the tenant may have created it",
    ].join("\n"),
  );
  expect(renderSummary(report)).toMatch(/^Result: FAIL \(2 records left on the tenant\)/);
});

test("the summary's passed, failed and skipped counts are the JUnit file's, static checks, not-checked operations and the run's own checks included", () => {
  const report: ContractReport = {
    target: "a tenant",
    steps: [
      { step: "lint", title: "the spec lints", status: "passed", ms: 5 },
      { step: "drift", title: "generated/ is current", status: "skipped", detail: "--skip", ms: 0 },
      { step: "typecheck", title: "the client compiles", status: "failed", detail: "TS2322", ms: 9 },
    ],
    operations: [
      { operation: "get_chatroom_get", title: "GET /api/chat/chatroom/{identifier}", status: "passed", reasons: [], tests: [{ name: "reads chatroom 42", state: "passed", ms: 12, requests: 1, failure: [] }] },
      {
        operation: "get_chatroom_participant_cget",
        title: "GET /api/chat/chatroom_participant",
        status: "failed",
        reasons: [],
        tests: [
          { name: "lists", state: "failed", ms: 3, requests: 1, failure: ["id must be integer"] },
          { name: "pages", state: "skipped", ms: 0, requests: 0, failure: [], note: "one page only" },
        ],
      },
      { operation: "post_post_login", title: "POST /api/logins", status: "not checked", reasons: ["needs a password"], tests: [] },
    ],
    errors: ["Prism's log could not be read"],
    stopped: "the tenant did not answer",
    records: { created: 1, deleted: 0, leftovers: [{ resource: "chatroom_participant", id: "43", where: "in chat room 42", createdBy: "POST /api/chat/chatroom_participant", why: "the tenant did not answer" }] },
    ms: 30,
  };

  // passed: lint, reads chatroom 42; failed: typecheck, lists, 2 problems of the run, the leftover record;
  // skipped: drift, pages, the login not checked.
  expect(renderSummary(report)).toMatch(/; tests: 2 passed, 5 failed, 3 skipped$/);
  expect(junitXml(report)).toMatch(/<testsuites name="iwerp-contract" tests="10" failures="5" skipped="3">/);
});
