import { expect } from "vitest";
import { RequestValidationError } from "../../src/index.js";
import { rejectionOf } from "./call-operation.js";
import { expectRequestViolations } from "./contract-client.js";
import type { ContractTarget } from "./contract-target.js";
import { examplePath, type OperationInput } from "./example-input.js";
import { schemaFields, withField, wrongQueryValues, wrongTypeFor } from "./schema-arbitrary.js";
import type { SpecOperation } from "./spec-operations.js";
import { spec } from "./spec-validator.js";
import { targetTest, type SuiteApi } from "./suite-api.js";

const NOT_VALIDATING = "the target does not promise to refuse a request that breaks the spec with 422 (Prism with --errors does)";

/** One request that breaks the spec in one place, and that place as Prism names it (e.g. `data.first_name`). */
interface WrongRequest {
  name: string;
  input: OperationInput;
  place: string;
}

/** A word for the JSON type of `value`, for test names. */
function typeName(value: unknown): string {
  return Array.isArray(value) ? "an array" : typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : `a ${typeof value}`;
}

/** For each field of the body (nested ones included) a body with only that field, of a wrong type. */
function wrongBodies(op: SpecOperation): WrongRequest[] {
  if (!op.body) return [];
  const { envelope, schema } = op.body;
  return schemaFields(schema, spec).map((field) => {
    const value = wrongTypeFor(field.schema);
    const place = [envelope, ...field.path].join(".");
    return { name: `${typeName(value)} in ${place}`, input: { path: examplePath(op), body: withField({}, field.path, value) }, place };
  });
}

/** For each query parameter with a type, bounds or an enum, each value it refuses. */
function wrongQueries(op: SpecOperation): WrongRequest[] {
  return op.parameters
    .filter((p) => p.in === "query")
    .flatMap((p) =>
      wrongQueryValues(p.schema).map(({ value, why }) => ({
        name: `query ${p.name}=${value} (${why})`,
        input: { path: examplePath(op), query: { [p.name]: value }, ...(op.body ? { body: {} } : {}) },
        place: `query.${p.name}`,
      })),
    );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Sends `wrong` and expects the target's 422, thrown as a `RequestValidationError` that names the place. */
async function expectRejected(target: ContractTarget, op: SpecOperation, wrong: WrongRequest): Promise<void> {
  expectRequestViolations(new RegExp(escape(wrong.place), "i"));
  const error = await rejectionOf(target, op, wrong.input);

  expect(error).toBeInstanceOf(RequestValidationError);
  const rejected = error as RequestValidationError;
  expect(rejected.status).toBe(422);
  // Prism writes query parameter names in lower case.
  expect(rejected.message.toLowerCase()).toContain(wrong.place.toLowerCase());
}

/**
 * Requests of `op` that break the spec in one place, each refused by `target` with 422 and thrown as
 * `RequestValidationError`: one per body field with a value of the wrong type, and one per refused value of
 * each typed query parameter (`pageSize` out of range, a word for `page`, …). Skipped for a target that
 * does not validate requests.
 */
export function wrongTypeTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  for (const wrong of [...wrongBodies(op), ...wrongQueries(op)]) {
    targetTest(api, target, `rejects ${wrong.name} with 422, thrown as RequestValidationError`, async (context) => {
      if (!target.validatesRequests) context.skip(NOT_VALIDATING);
      await expectRejected(target, op, wrong);
    });
  }
}
