import { expect } from "vitest";
import { callOperation } from "./call-operation.js";
import type { ContractTarget } from "./contract-target.js";
import { expandPath, expectedResponse, referenceCalls } from "./example-input.js";
import type { SpecOperation } from "../spec.js";
import { targetTest, type SuiteApi } from "./suite-api.js";

/**
 * The reference calls of `op` on `target` (each named request example, or the example parameters): the request goes
 * out as the example, and the 200 matches the spec and, where the target serves examples, is the named 200 example.
 */
export function referenceTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
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
    });
  }
}
