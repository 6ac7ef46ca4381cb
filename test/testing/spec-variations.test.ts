import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createFakeTenant } from "../../src/testing/index.js";
import { arbitraryFor } from "../support/contract/schema-arbitrary.js";
import { exampleCases, type ExampleCase } from "../support/spec-examples.js";
import { responseViolations, spec } from "../support/spec.js";

/*
 * Issue 20: requests the spec calls valid but that vary its examples (fields left out, optional objects empty,
 * e.g. `data` without `chatroom`, `chatroom: {}`, an empty body, query parameters generated from their schemas),
 * sent to the fake tenant, get either a 200 whose body matches the spec or an error status the spec documents for
 * the operation, whose X-IW-ERROR-JSON and body name the problem.
 */

/** The fast-check seed, so that a failure reproduces. */
const SEED = 20_261_207;
/** Variations per operation: enough to leave out each field and empty each object of the examples. */
const RUNS = 40;

/** A variation of a JSON value that keeps to its shape: an object keeps any of its fields, each varied; an object may become `{}`. */
function varied(value: unknown): fc.Arbitrary<unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fc.constant(value);
  const entries = Object.entries(value);
  const kept = fc.subarray(entries).chain((chosen) => fc.tuple(...chosen.map(([key, inner]) => varied(inner).map((v) => [key, v] as const))));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 4, arbitrary: kept.map((pairs) => Object.fromEntries(pairs)) },
  );
}

/**
 * The body of a variation: the example's (its envelope kept, the entity varied), the envelope alone (`{}`), or
 * none at all (the spec requires no request body).
 */
function variedBody(example: ExampleCase): fc.Arbitrary<unknown> {
  if (example.body === undefined) return fc.constant(undefined);
  const [envelope, entity] = Object.entries(example.body as Record<string, unknown>)[0] ?? ["data", {}];
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 8, arbitrary: varied(entity).map((inner) => ({ [envelope]: inner })) },
  );
}

/** Query parameters generated from their schemas (each present or not), examples used where the spec gives them. */
function variedQuery(example: ExampleCase): fc.Arbitrary<Record<string, string>> {
  const query = example.operation.parameters.filter((p) => p.in === "query");
  const values = query.map((p) => {
    const examples = p.examples.map((e) => e.value);
    const fromSchema = arbitraryFor(p.schema, spec);
    return fc.option((examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), fromSchema) : fromSchema).map((v) => [p.name, String(v)] as const), { nil: undefined });
  });
  return fc.tuple(...values).map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== undefined)));
}

describe("varied valid requests, sent to the fake tenant, get a 200 or a documented error status that names the problem", () => {
  const tenant = createFakeTenant();
  // One example request per operation: the base its variations start from.
  const bases = [...new Map(exampleCases(tenant).map((c) => [c.operationId, c])).values()];

  test.each(bases.map((c) => [c.operationId, c] as const))("%s", async (_id, example) => {
    await fc.assert(
      fc.asyncProperty(variedBody(example), variedQuery(example), async (body, query) => {
        // Each on the default seed again, so a delete does not change what the next variation finds.
        tenant.reset();
        const search = new URLSearchParams(query);
        const response = await tenant.fetch(`https://acme.iw-erp.de${example.path}${search.size > 0 ? `?${search}` : ""}`, {
          method: example.method,
          headers: { ...example.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        const json: unknown = text === "" ? undefined : JSON.parse(text);
        if (response.status === 200) {
          expect(responseViolations(example.operationId, json)).toEqual([]);
          return;
        }
        expect(example.operation.statuses, `${response.status} (${text.slice(0, 200)}) is documented for ${example.operationId}`).toContain(response.status);
        expect(responseViolations(example.operationId, json, String(response.status))).toEqual([]);
        const messages = JSON.parse(response.headers.get("x-iw-error-json") ?? "[]") as unknown[];
        expect(messages.length, "X-IW-ERROR-JSON names the problem").toBeGreaterThan(0);
        expect((json as { detail?: string }).detail, "the body names the problem").toEqual(messages.join("; "));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const create = bases.find((c) => c.operationId === "post_chatroom_participant_post")!;
  test.each([
    ["data without chatroom", { data: { first_name: "Ada" } }, "data.chatroom.id: is required"],
    ["chatroom: {}", { data: { chatroom: {} } }, "data.chatroom.id: is required"],
    ["a chatroom that does not exist", { data: { chatroom: { id: 7 } } }, "data.chatroom.id: names no Chatroom"],
    ["an empty body", undefined, "body"],
  ])("a participant created with %s is refused with the documented 422, naming the problem", async (_name, body, problem) => {
    tenant.reset();
    const response = await tenant.fetch(`https://acme.iw-erp.de${create.path}`, {
      method: "POST",
      headers: { ...create.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

    expect(response.status).toBe(422);
    expect(create.operation.statuses).toContain(422);
    expect(response.headers.get("x-iw-error-json")).toContain(problem);
    expect(((await response.json()) as { detail: string }).detail).toContain(problem);
  });
});
