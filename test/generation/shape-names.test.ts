import { describe, expect, test } from "vitest";
import { componentShapes, reachableShapes, shapeOf } from "../../scripts/lib/shapes.mjs";

// JSON.parse makes `__proto__` a key of its own, as the YAML parser does for a spec.
const spec = JSON.parse(`{
  "components": { "schemas": {
    "__proto__": { "type": "object", "properties": { "note": { "type": "string" } } },
    "toString": { "type": "object", "properties": { "detail": { "$ref": "#/components/schemas/OnlyThroughToString" } } },
    "OnlyThroughToString": { "type": "object", "properties": { "__proto__": { "type": "object", "properties": { "id": { "type": "integer" } } } } },
    "Unused": { "type": "string" }
  } }
}`);

describe("shape tables with names of Object.prototype members", () => {
  test("a property named __proto__ is a property of the shape, not its prototype", () => {
    const shape = shapeOf(spec.components.schemas.OnlyThroughToString, "#/components/schemas/OnlyThroughToString") as Record<string, unknown>;

    expect(Object.keys(shape)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(shape)).toBe(Object.prototype);
  });

  test("a schema named __proto__ is a schema of the table", () => {
    const shapes = componentShapes(spec);

    expect(Object.keys(shapes)).toEqual(["__proto__", "toString", "OnlyThroughToString", "Unused"]);
    expect(Object.getPrototypeOf(shapes)).toBe(Object.prototype);
  });

  test("a schema named toString is followed to the schemas it refers to, and unused ones are left out", () => {
    const reached = reachableShapes(componentShapes(spec), ["#toString"]);

    expect(Object.keys(reached)).toEqual(["toString", "OnlyThroughToString"]);
  });
});
