import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { createSpecValidator, deref, namedExamples, operationMatcher, pathMatcher, readSpec, specOperations } from "../../scripts/lib/spec.mjs";

/** A small spec whose 200 response is shared through a `$ref`, as a hand-written spec may share one. */
const SHARED_RESPONSE = {
  openapi: "3.1.0",
  paths: {
    "/things/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: { operationId: "get_thing", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { 200: { $ref: "#/components/responses/Thing" } } },
    },
  },
  components: {
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "integer" } } },
    responses: { Thing: { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" }, examples: { one: { $ref: "#/components/examples/One" } } } } } },
    schemas: { Thing: { type: "object", properties: { id: { type: "integer" }, at: { type: "string", format: "date-time" } } } },
    examples: { One: { value: { id: 1 } } },
  },
};

describe("the spec module", () => {
  test("lists every operation of the bundled spec in the order and with the method and path of the generated table", () => {
    const listed = specOperations().map(({ operationId, method, path }) => [operationId, method.toUpperCase(), path]);

    expect(listed).toEqual(Object.entries(OPERATIONS).map(([id, operation]) => [id, operation.method, operation.path]));
  });

  test("an operation's parameter overrides the path item's of the same name and place, and a shared 200 is pointed at where it is defined", () => {
    const [thing] = specOperations(SHARED_RESPONSE);

    expect(thing?.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    expect(thing?.okPointer).toBe("#/components/responses/Thing/content/application~1json/schema");
    expect(namedExamples(SHARED_RESPONSE, thing?.ok)).toEqual([{ name: "one", value: { id: 1 } }]);
  });

  test("the validator judges a value against the schema a pointer names, with ajv-formats' formats, and says where it fails", () => {
    const [thing] = specOperations(SHARED_RESPONSE);
    const validator = createSpecValidator(SHARED_RESPONSE);

    expect(validator.violations(thing!.okPointer, { id: 1, at: "2025-05-04T09:42:00Z" })).toEqual([]);
    expect(validator.violations(thing!.okPointer, { id: "one", at: "yesterday" })).toEqual(["/id: must be integer", '/at: must match format "date-time"']);
  });

  test("the validator of the bundled spec accepts every operation's own 200 example", () => {
    const spec = readSpec();
    const validator = createSpecValidator(spec);

    for (const operation of specOperations(spec)) {
      for (const { value } of namedExamples(spec, operation.ok)) expect(validator.violations(operation.okPointer, value), operation.operationId).toEqual([]);
    }
  });

  test("deref follows a chain of $refs, and names a $ref that leads nowhere or in a circle", () => {
    const spec = { a: { $ref: "#/b~1c" }, "b/c": { $ref: "#/d" }, d: { type: "string" }, loop: { $ref: "#/loop" } };

    expect(deref(spec, { $ref: "#/a" })).toEqual({ type: "string" });
    expect(() => deref(spec, { $ref: "#/missing" })).toThrow("unresolved $ref #/missing");
    expect(() => deref(spec, { $ref: "#/loop" })).toThrow("circular $ref #/loop");
    expect(() => deref(spec, { $ref: "other.yaml#/d" })).toThrow("is not local");
  });

  test("a path template matches its own paths only: its other characters are literal, and parameter values come decoded", () => {
    const match = pathMatcher("/api/v1.0/things/{id}/parts/{part name}");

    expect(match("/api/v1.0/things/42/parts/a%2Fb%20c")).toEqual({ id: "42", "part name": "a/b c" });
    expect(match("/api/v1x0/things/42/parts/a")).toBeUndefined();
    expect(match("/api/v1.0/things/42/parts/a/b")).toBeUndefined();
    expect(match("/api/v1.0/things/%E0%A4%A/parts/a")).toEqual({ id: "%E0%A4%A", "part name": "a" });
  });

  test("an operation is found by method, in any case, and path", () => {
    const find = operationMatcher(Object.entries(OPERATIONS).map(([id, { method, path }]) => ({ id, method, path })));

    expect(find("delete", "/api/chat/chatroom_participant/7")).toEqual({ operation: expect.objectContaining({ id: "delete_chatroom_participant_delete" }), params: { identifier: "7" } });
    expect(find("PATCH", "/api/chat/chatroom_participant/7")).toBeUndefined();
  });
});
