import { contractTargets } from "./contract-target.js";
import { generatedTests } from "./generated-cases.js";
import { referenceTests } from "./reference-cases.js";
import { SPEC_OPERATIONS } from "../spec.js";
import { softErrorTests } from "./soft-error-cases.js";
import type { SuiteApi } from "./suite-api.js";
import { idStringTests, wrongTypeTests } from "./wrong-type-cases.js";

/**
 * The spec-driven suite: for every operation of `generated/openapi.yaml`, one `describe(operationId)` with, for every
 * target, the cases below; an operation added to the spec gets all of them without a line of test code.
 */
export function registerSpecSuite(api: SuiteApi): void {
  for (const op of SPEC_OPERATIONS) {
    api.describe(op.operationId, () => {
      for (const target of contractTargets) {
        referenceTests(api, op, target);
        generatedTests(api, op, target);
        wrongTypeTests(api, op, target);
        idStringTests(api, op, target);
        softErrorTests(api, op, target);
      }
    });
  }
}
