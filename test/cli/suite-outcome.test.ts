import path from "node:path";
import { expect, test } from "vitest";
import type { TestModule } from "vitest/node";
import { outcomeOf } from "../../scripts/contract-check/run-suite.mjs";

/*
 * What the mock mode reads from vitest's run of the contract suite (scripts/contract-check/run-suite.mjs): each test
 * with its operation, and every error outside a test, which fails the run even when every test passed.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A test as vitest's reporter API gives it, as far as the outcome reads it. */
function testCase(name: string, state: "passed" | "failed", errors: string[] = []) {
  return {
    type: "test",
    name,
    result: () => ({ state, errors: errors.map((message) => ({ message })) }),
    diagnostic: () => ({ duration: 3 }),
    meta: () => ({}),
  };
}

/** A test file as vitest's reporter API gives it: its load errors, its tests in one describe per operation. */
function testModule(file: string, loadErrors: string[], operations: Record<string, ReturnType<typeof testCase>[]>): TestModule {
  return {
    moduleId: path.join(ROOT, file),
    errors: () => loadErrors.map((message) => ({ message })),
    children: Object.entries(operations).map(([name, tests]) => ({ type: "suite", name, children: { allTests: () => tests } })),
  } as unknown as TestModule;
}

test("a test file that did not load and an error outside any test are errors of the run, beside the tests that ran", () => {
  const modules = [
    testModule("contract-tests/login.test.ts", [], { post_post_login: [testCase("logs in", "passed")] }),
    testModule("contract-tests/spec-operations.test.ts", ["the spec-driven suite could not be registered"], {}),
  ];

  const outcome = outcomeOf(modules, [{ name: "Unhandled Rejection", message: "an unhandled rejection" }]);

  expect(outcome.errors).toEqual([
    "Unhandled Rejection: an unhandled rejection",
    "contract-tests/spec-operations.test.ts: the spec-driven suite could not be registered",
  ]);
  expect(outcome.tests).toEqual([
    { operation: "post_post_login", file: "contract-tests/login.test.ts", name: "logs in", state: "passed", ms: 3, errors: [], violations: [] },
  ]);
});

test("a failed test keeps its operation and its errors", () => {
  const modules = [testModule("contract-tests/spec-operations.test.ts", [], { get_chatroom_get: [testCase("accepts it", "failed", ["expected 500 to be 200"])] })];

  expect(outcomeOf(modules, []).tests).toMatchObject([{ operation: "get_chatroom_get", state: "failed", errors: ["expected 500 to be 200"] }]);
});
