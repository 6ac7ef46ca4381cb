import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { specOperations } from "./support/spec-validator.js";

test("every operation of the spec has contract tests", () => {
  const dir = new URL("./", import.meta.url);
  const covered = new Set(
    readdirSync(dir)
      .filter((file) => file.endsWith(".test.ts"))
      .flatMap((file) => [...readFileSync(new URL(file, dir), "utf8").matchAll(/describeOperation\(\s*["'`]([^"'`]+)["'`]/g)])
      .map((match) => match[1]),
  );
  const operations = specOperations();
  expect(operations.length).toBeGreaterThan(0);
  const uncovered = operations.filter((op) => !covered.has(op.operationId)).map((op) => `${op.operationId} (${op.method.toUpperCase()} ${op.path})`);
  expect(uncovered, "operations without a describeOperation(...) contract test").toEqual([]);
});
