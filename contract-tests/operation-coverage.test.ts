import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { contractTargets } from "../test/support/contract/contract-target.js";
import { registerSpecSuite } from "../test/support/contract/spec-suite.js";
import { SPEC_OPERATIONS } from "../test/support/spec.js";
import type { SuiteApi } from "../test/support/contract/suite-api.js";

/*
 * The gate: an operation of the spec without contract tests fails the suite. The spec-driven suite is
 * registered here with a recorder instead of vitest, and the operations it gives tests are compared with
 * the operationIds of generated/openapi.yaml as read here (not with the client's generated operation
 * table, so that a generator bug cannot hide an operation).
 */

/** The names of the tests the spec-driven suite registers, by top-level describe (an operationId). */
function registeredTests(): Map<string, string[]> {
  const tests = new Map<string, string[]>();
  const open: string[] = [];
  const recorder: SuiteApi = {
    describe(name, body) {
      open.push(name);
      body();
      open.pop();
    },
    test(name) {
      const operation = open[0] ?? "(outside any describe)";
      tests.set(operation, [...(tests.get(operation) ?? []), name]);
    },
  };
  registerSpecSuite(recorder);
  return tests;
}

const operations = SPEC_OPERATIONS;
const registered = registeredTests();

test("every operation of the spec gets spec-driven tests against every target", () => {
  expect(operations.length).toBeGreaterThan(0);
  const missing = operations.flatMap((op) =>
    contractTargets
      .filter((target) => !(registered.get(op.operationId) ?? []).some((name) => name.endsWith(`(${target.name})`)))
      .map((target) => `${op.operationId} (${op.method.toUpperCase()} ${op.path}) on ${target.name}`),
  );
  expect(missing, "operations without spec-driven tests").toEqual([]);
});

test("the spec-driven suite tests no operation that the spec lacks", () => {
  const known = new Set(operations.map((op) => op.operationId));
  expect([...registered.keys()].filter((id) => !known.has(id))).toEqual([]);
});

test("a test file runs the spec-driven suite", () => {
  const dir = new URL("./", import.meta.url);
  const runs = readdirSync(dir)
    .filter((file) => file.endsWith(".test.ts") && file !== "operation-coverage.test.ts")
    .some((file) => readFileSync(new URL(file, dir), "utf8").includes("registerSpecSuite({ describe, test })"));
  expect(runs, "no test file calls registerSpecSuite({ describe, test })").toBe(true);
});
