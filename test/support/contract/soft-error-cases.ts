import { expect } from "vitest";
import { AuthenticationError, type OperationId } from "../../../src/index.js";
import { createContractClient } from "./contract-client.js";
import type { ContractTarget } from "./contract-target.js";
import { referenceCalls } from "./example-input.js";
import type { SpecOperation } from "../spec.js";
import { targetTest, type SuiteApi } from "./suite-api.js";

/** What the spec's soft-error example says (`components/headers`): an expired key, code 401. */
const EXAMPLE = { code: "401", messages: ["JWT expired"] };

/**
 * The soft error of `op` (documented on every operation), from a target that serves the spec's examples, asked with
 * `Prefer: code=400`: a conforming HTTP 400 that the client classifies by its code, an `AuthenticationError`.
 */
export function softErrorTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  if (!target.servesExamples) return;
  const [call] = referenceCalls(op);
  targetTest(api, target, "answers its documented soft error (400, X-IW-ERROR-CODE 401) on request, thrown as AuthenticationError", async () => {
    const { client, exchanges } = createContractClient({ target, headers: { Prefer: "code=400" } });
    const error = await client.request(op.operationId as OperationId, call!.input as never).catch((e: unknown) => e);

    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.status).toBe(400);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, ...EXAMPLE });
    expect((error as Error).message).toMatch(/ failed with 400 \(iwERP code 401\): JWT expired\. /);
  });
}
