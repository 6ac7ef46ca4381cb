import fc from "fast-check";
import { expect } from "vitest";
import { AuthenticationError } from "../../../src/index.js";
import { callOperation, callOperationConforming, sendOperation } from "./call-operation.js";
import { contractTargets, type ContractTarget } from "./contract-target.js";
import { examplePath, expandPath, expectedResponse, referenceCalls, type OperationInput } from "../spec-examples.js";
import { arbitraryFor } from "./schema-arbitrary.js";
import { spec, SPEC_OPERATIONS, type SpecOperation } from "../spec.js";
import { targetTest, type SuiteApi } from "./suite-api.js";
import { idStringTests, wrongTypeTests } from "./wrong-type-cases.js";

/** The spec-driven suite: for every operation of the spec a `describe(operationId)` of the cases below and the wrong-type ones. */
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

/**
 * The reference calls of `op` on `target` (each named request example, or the example parameters): the request goes
 * out as the example, and the 200 matches the spec and, where the target serves examples, is the named 200 example.
 */
function referenceTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  for (const { example, input } of referenceCalls(op)) {
    const expected = expectedResponse(op, example?.name);
    const sends = example ? `its request example "${example.name}"` : "its example parameters";
    const answer = target.servesExamples ? `its 200 example "${expected.example.name}"` : "a 200 that matches the spec";
    targetTest(api, target, `accepts ${sends} and answers with ${answer}`, async () => {
      const prefer = target.servesExamples && expected.choose ? { headers: { Prefer: `example=${expected.example.name}` } } : {};
      const { result, exchange } = await callOperation(target, op, input, prefer);

      expect(exchange.method).toBe(op.method.toUpperCase());
      expect(exchange.url.pathname).toBe(expandPath(op, input.path ?? {}));
      for (const [name, value] of Object.entries(input.query ?? {})) expect(exchange.url.searchParams.get(name)).toBe(String(value));
      if (example) expect(JSON.parse(exchange.requestBody ?? "null"), "the body as sent").toEqual(example.value);
      if (target.servesExamples) expect(result).toEqual(expected.example.value);
      // Prism generates this target's answers: the example instead means the preference never reached it.
      else if (target.prefer?.includes("dynamic=true")) expect(result, "an answer Prism generated, not the spec's example").not.toEqual(expected.example.value);
    });
  }
}

/** What the spec's soft-error example says (`components/headers`): an expired key, code 401. */
const EXAMPLE = { code: "401", messages: ["JWT expired"] };

/**
 * The soft error of `op` (documented on every operation), from a target that serves the spec's examples, asked with
 * `Prefer: code=400`: a conforming HTTP 400 that the client classifies by its code, an `AuthenticationError`.
 */
function softErrorTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  if (!target.servesExamples) return;
  const [call] = referenceCalls(op);
  targetTest(api, target, "answers its documented soft error (400, X-IW-ERROR-CODE 401) on request, thrown as AuthenticationError", async () => {
    const { error, exchanges } = await sendOperation(target, op, call!.input, { headers: { Prefer: "code=400" } });

    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.status).toBe(400);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, ...EXAMPLE });
    expect((error as Error).message).toMatch(/ failed with 400 \(iwERP code 401\): JWT expired\. /);
  });
}

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
 * Requests of `op` generated from its schemas, each answered conforming (see `callOperationConforming`); none for an
 * operation without a body or query parameters: its reference call is all there is.
 */
function generatedTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  const varied = [op.body && "bodies", op.parameters.some((p) => p.in === "query") && "query parameters"].filter(Boolean).join(" and ");
  if (!varied) return;
  const inputs = validInputs(op);
  targetTest(api, target, `answers ${RUNS} requests with ${varied} generated from its schemas, each with a 200 that matches the spec or a documented error status that names the problem`, () =>
    fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        await callOperationConforming(target, op, input);
      }),
      // The failing check's own message in fast-check's (not only as its cause), so that the report names it.
      { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
    ),
  );
}
