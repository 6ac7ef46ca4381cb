import { describe } from "vitest";

/**
 * Declares hand-written contract tests of one spec operation. The contract check's report groups tests by
 * this top-level describe, so it is named by the operationId, like the spec-driven suites' describes.
 */
export function describeOperation(operationId: string, body: () => void): void {
  describe(operationId, body);
}
