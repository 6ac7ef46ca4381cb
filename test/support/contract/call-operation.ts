import { expect } from "vitest";
import { HttpError, type OperationId } from "../../../src/index.js";
import { createContractClient, type ContractClientOptions, type RecordedExchange } from "./contract-client.js";
import { sessionTokenFor, type ContractTarget } from "./contract-target.js";
import type { OperationInput } from "../spec-examples.js";
import { schemaViolations, type SpecOperation } from "../spec.js";

/** A call of `op` through `chat.request`: what it returned (`result`) or threw (`error`), and the exchanges with Prism's violations. */
interface Sent {
  result?: unknown;
  error?: unknown;
  exchanges: RecordedExchange[];
}

/** Calls `op` on `target` through the generic `chat.request` (responses validated with `"throw"`), checking nothing. */
export async function sendOperation(target: ContractTarget, op: SpecOperation, input: OperationInput, overrides: ContractClientOptions = {}): Promise<Sent> {
  const { client, exchanges } = createContractClient({ target, sessionToken: sessionTokenFor(target, op.path), ...overrides });
  try {
    return { result: await client.request(op.operationId as OperationId, input as never), exchanges };
  } catch (error) {
    return { error, exchanges };
  }
}

/** Checks that a call made one exchange with no Prism violation and, unless it threw, got a 200 the independent Ajv accepts. */
function expectConforming(op: SpecOperation, sent: Sent): void {
  const [exchange] = sent.exchanges;
  expect(sent.exchanges).toHaveLength(1);
  expect(exchange?.violations, "sl-violations for a request the spec accepts").toEqual([]);
  if ("error" in sent) return;
  expect(exchange?.status).toBe(200);
  const violations = schemaViolations(op.okSchemaPointer, sent.result);
  // Named in the message: vitest prints the array as `[ Array(1) ]` there, which says nothing of where or why.
  expect(violations, `the 200 body against the spec (independent validator): ${violations.join("; ")}`).toEqual([]);
}

/** Calls `op` on `target` and checks the one exchange (see `expectConforming`) with its 200; rethrows what the client threw. */
export async function callOperation(
  target: ContractTarget,
  op: SpecOperation,
  input: OperationInput,
  overrides: ContractClientOptions = {},
): Promise<{ result: unknown; exchange: RecordedExchange }> {
  const sent = await sendOperation(target, op, input, overrides);
  if ("error" in sent) throw sent.error;
  expectConforming(op, sent);
  return { result: sent.result, exchange: sent.exchanges[0]! };
}

/**
 * Calls `op` on `target` and checks that the answer conforms (see `expectConforming`): a 200, or an error answer with a
 * status the spec documents for `op` whose messages (`X-IW-ERROR-JSON`) say what is wrong (a tenant refuses more than a
 * schema can say, e.g. a reference to a record that does not exist).
 */
export async function callOperationConforming(target: ContractTarget, op: SpecOperation, input: OperationInput): Promise<void> {
  const sent = await sendOperation(target, op, input);
  expectConforming(op, sent);
  if (!("error" in sent)) return;
  expect(sent.error, "a 200, or an error answer of the tenant").toBeInstanceOf(HttpError);
  const { status, messages } = sent.error as HttpError;
  expect(op.statuses, `${status} is a status the spec documents for ${op.operationId}`).toContain(status);
  expect(messages.join(" "), `the ${status} says what is wrong (X-IW-ERROR-JSON)`).not.toBe("");
}
