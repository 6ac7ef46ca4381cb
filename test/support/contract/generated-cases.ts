import fc from "fast-check";
import { callOperationConforming } from "./call-operation.js";
import type { ContractTarget } from "./contract-target.js";
import { examplePath, type OperationInput } from "./example-input.js";
import { arbitraryFor } from "./schema-arbitrary.js";
import { spec, type SpecOperation } from "../spec.js";
import { targetTest, type SuiteApi } from "./suite-api.js";

/** The fast-check seed, so that a failure reproduces; `IWERP_CONTRACT_FC_SEED` overrides it. */
const SEED = Number(process.env.IWERP_CONTRACT_FC_SEED ?? 20251126);
// Enough to vary every optional field, few enough for a quick run.
const RUNS = 5;

/** Inputs of `op` the spec accepts: the example path, query parameters and a body generated from their schemas. */
function validInputs(op: SpecOperation): fc.Arbitrary<OperationInput> {
  const query = op.parameters.filter((p) => p.in === "query");
  const queryArbitrary = fc.record(Object.fromEntries(query.map((p) => [p.name, arbitraryFor(p.schema, spec)])), {
    requiredKeys: query.filter((p) => p.required).map((p) => p.name),
  });
  const body = op.body ? arbitraryFor(op.body.schema, spec) : fc.constant(undefined);
  return fc.tuple(queryArbitrary, body).map(([q, b]) => ({ path: examplePath(op), query: q, ...(op.body ? { body: b } : {}) }));
}

/**
 * Requests of `op` generated from its schemas, each answered conforming (see `callOperationConforming`: the spec
 * cannot say everything a tenant refuses, e.g. a reference to a record that does not exist). None for an operation
 * without a body or query parameters: its reference call is all there is.
 */
export function generatedTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  const varied = [op.body && "bodies", op.parameters.some((p) => p.in === "query") && "query parameters"].filter(Boolean).join(" and ");
  if (!varied) return;
  const inputs = validInputs(op);
  targetTest(api, target, `answers ${RUNS} requests with ${varied} generated from its schemas, each with a 200 that matches the spec or a documented error status that names the problem`, () =>
    fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        await callOperationConforming(target, op, input);
      }),
      { seed: SEED, numRuns: RUNS },
    ),
  );
}
