import { expect } from "vitest";
import { HttpError, type OperationId } from "../../../src/index.js";
import { createContractClient, type ContractClientOptions } from "./contract-client.js";
import { sessionTokenFor, type ContractTarget } from "./contract-target.js";
import type { OperationInput } from "./example-input.js";
import type { RecordedExchange } from "./recording-fetch.js";
import { schemaViolations, type SpecOperation } from "../spec.js";

/**
 * Calls `op` on `target` through the generic `chat.request` (responses validated with `"throw"`) and checks
 * the answer: one exchange, status 200, no Prism violation, and a body that the independent Ajv validator
 * accepts. Returns what the client returned and the exchange.
 */
export async function callOperation(
  target: ContractTarget,
  op: SpecOperation,
  input: OperationInput,
  overrides: ContractClientOptions = {},
): Promise<{ result: unknown; exchange: RecordedExchange }> {
  const { client, exchanges } = createContractClient({ target, sessionToken: sessionTokenFor(target, op.path), ...overrides });
  const result: unknown = await client.request(op.operationId as OperationId, input as never);
  const [exchange] = exchanges;
  expect(exchanges).toHaveLength(1);
  expect(exchange?.status).toBe(200);
  expect(exchange?.violations, "sl-violations for a request the spec accepts").toEqual([]);
  expect(schemaViolations(op.okSchemaPointer, result), "the 200 body against the spec (independent validator)").toEqual([]);
  return { result, exchange: exchange as RecordedExchange };
}

/**
 * Calls `op` on `target` through `chat.request` and returns what it threw (or, unexpectedly, returned) as
 * `error`, and the exchanges (with Prism's violations).
 */
export async function rejectionOf(target: ContractTarget, op: SpecOperation, input: OperationInput): Promise<{ error: unknown; exchanges: RecordedExchange[] }> {
  const { client, exchanges } = createContractClient({ target, sessionToken: sessionTokenFor(target, op.path) });
  const error = await client.request(op.operationId as OperationId, input as never).then(
    (result) => result,
    (thrown: unknown) => thrown,
  );
  return { error, exchanges };
}

/**
 * Calls `op` on `target` and checks that the answer conforms: either what `callOperation` checks (a 200 that
 * matches the spec), or an error answer with a status the spec documents for `op` (a 404 for an id that names no
 * record, a 422 for a body the tenant refuses, a soft-error 400 …), without a Prism violation, whose messages
 * (`X-IW-ERROR-JSON`) name the problem. Returns which of the two it was.
 */
export async function callOperationConforming(target: ContractTarget, op: SpecOperation, input: OperationInput): Promise<"ok" | number> {
  const { client, exchanges } = createContractClient({ target, sessionToken: sessionTokenFor(target, op.path) });
  const outcome = await client.request(op.operationId as OperationId, input as never).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  expect(exchanges).toHaveLength(1);
  const [exchange] = exchanges;
  expect(exchange?.violations, "sl-violations for a request the spec accepts").toEqual([]);
  if ("result" in outcome) {
    expect(exchange?.status).toBe(200);
    expect(schemaViolations(op.okSchemaPointer, outcome.result), "the 200 body against the spec (independent validator)").toEqual([]);
    return "ok";
  }
  const { error } = outcome;
  expect(error, "a 200, or an error answer of the tenant").toBeInstanceOf(HttpError);
  const { status, messages } = error as HttpError;
  expect(op.statuses, `${status} is a status the spec documents for ${op.operationId}`).toContain(status);
  expect(messages.join(" "), `the ${status} says what is wrong (X-IW-ERROR-JSON)`).not.toBe("");
  return status;
}
