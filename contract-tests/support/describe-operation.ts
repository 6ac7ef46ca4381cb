import { describe } from "vitest";

/**
 * Declares the contract tests of one spec operation. `operation-coverage.test.ts` finds these calls, so
 * an operation without one fails the suite.
 */
export function describeOperation(operationId: string, body: () => void): void {
  describe(operationId, body);
}
