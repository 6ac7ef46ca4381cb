import { expect } from "vitest";
import { escapeRegExp } from "../../../src/core/secret-pattern.js";
import { HttpError, RequestValidationError } from "../../../src/index.js";
import { sendOperation } from "./call-operation.js";
import { expectRequestViolations } from "./contract-client.js";
import type { ContractTarget } from "./contract-target.js";
import { examplePath, type OperationInput } from "../spec-examples.js";
import { schemaFields, withField, wrongQueryValues, wrongTypeFor } from "./schema-arbitrary.js";
import { spec, type SpecOperation } from "../spec.js";
import { targetTest, type SuiteApi } from "./suite-api.js";

const NOT_VALIDATING = "the target does not promise to refuse a request that breaks the spec (Prism with --errors does)";

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

/** Whether a body field holds an id (`x-iwerp-id`): the client takes a string of digits there and sends the integer. */
function isIdField(field: { schema: { [keyword: string]: unknown } }): boolean {
  return field.schema["x-iwerp-id"] === true;
}

/** For each body field (nested ones too) but an id (see `idStringTests`), a body with only that field, of a wrong type. */
function wrongBodies(op: SpecOperation): WrongRequest[] {
  if (!op.body) return [];
  const { envelope, schema } = op.body;
  return schemaFields(schema, spec).filter((field) => !isIdField(field)).map((field) => {
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

/**
 * Sends `wrong` and expects a refusal with a status the spec documents for it (422, or the soft-error 400) that names
 * the place: in its message from a target that answers by itself (Prism's proxy, the fake tenant); a Prism mock
 * answers with the operation's documented response (example headers that name nothing) and names it in `sl-violations`.
 */
async function expectRejected(target: ContractTarget, op: SpecOperation, wrong: WrongRequest): Promise<void> {
  expectRequestViolations(new RegExp(escapeRegExp(wrong.place), "i"));
  const { error, exchanges } = await sendOperation(target, op, wrong.input);
  // Prism writes query parameter names in lower case.
  const place = wrong.place.toLowerCase();

  expect(error).toBeInstanceOf(HttpError);
  const { status, message } = error as HttpError;
  expect([422, 400], "refused with a status the spec documents for a refused request: 422, or the soft-error 400").toContain(status);
  if (status === 422) expect(error).toBeInstanceOf(RequestValidationError);
  const named = exchanges.flatMap((e) => e.violations).filter((v) => v.location[0] === "request").map((v) => v.location.join(".").toLowerCase());
  const answeredByMock = exchanges.some((e) => e.violations.length > 0);
  if (answeredByMock) expect(named.some((location) => location.includes(place)), `Prism's violations name ${wrong.place}`).toBe(true);
  else expect(message.toLowerCase(), `the ${status} names ${wrong.place}`).toContain(place);
}

/**
 * Requests of `op` that break the spec in one place (a body field of the wrong type, a refused value of a typed query
 * parameter), each refused naming the place (see `expectRejected`); skipped for a target that does not validate.
 */
export function wrongTypeTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  for (const wrong of [...wrongBodies(op), ...wrongQueries(op)]) {
    targetTest(api, target, `rejects ${wrong.name}, naming it: 422 (RequestValidationError), or the spec's documented 400`, async (context) => {
      if (!target.validatesRequests) context.skip(NOT_VALIDATING);
      await expectRejected(target, op, wrong);
    });
  }
}

/**
 * For each id in the body (`x-iwerp-id`, nested ones too; not inside lists), a call that gives it as the string `"42"`:
 * the client sends the integer 42, and the target finds no violation at that place (the rest of its answer is not judged).
 */
export function idStringTests(api: SuiteApi, op: SpecOperation, target: ContractTarget): void {
  if (!op.body) return;
  const { envelope, schema } = op.body;
  for (const field of schemaFields(schema, spec).filter(isIdField)) {
    const place = [envelope, ...field.path].join(".");
    targetTest(api, target, `sends the id "42" in ${place} as the integer 42, which the spec takes`, async () => {
      const input = { path: examplePath(op), body: withField({}, field.path, "42") };
      const { exchanges } = await sendOperation(target, op, input);

      expect(exchanges).toHaveLength(1);
      const sent: unknown = JSON.parse(exchanges[0]?.requestBody ?? "null");
      expect(sent).toEqual({ [envelope]: withField({}, field.path, 42) });
      const named = exchanges[0]!.violations.filter((v) => v.location[0] === "request").map((v) => v.location.join("."));
      expect(named.filter((location) => location.toLowerCase().includes(place.toLowerCase()))).toEqual([]);
    });
  }
}
