import fc from "fast-check";
import { deref } from "../../../scripts/lib/spec.mjs";
import { spec, type SchemaNode } from "./spec.js";

/** Valid values of a schema of the spec (its types, enums, integer bounds and the date-time format), optional properties coming and going. */
export function valuesOf(node: SchemaNode): fc.Arbitrary<unknown> {
  const schema: SchemaNode = deref(spec, node);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case "integer":
      return fc.integer({ min: (schema.minimum as number | undefined) ?? Number.MIN_SAFE_INTEGER, max: schema.maximum ?? Number.MAX_SAFE_INTEGER });
    case "number":
      return fc.double({ min: (schema.minimum as number | undefined) ?? -1e9, max: (schema.maximum as number | undefined) ?? 1e9, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "string":
      return schema.format === "date-time"
        ? fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString())
        : fc.string({ unit: "grapheme", maxLength: 20 });
    case "array":
      return fc.array(valuesOf(schema.items ?? {}), { maxLength: 2 });
    case "object":
      return fc.record(Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, inner]) => [name, valuesOf(inner)])), { requiredKeys: [] });
    default:
      throw new Error(`valuesOf: no values for type ${String(schema.type)}`);
  }
}

/** Every property path of an object schema (nested objects included) with its schema. */
export function fieldsOf(node: SchemaNode, prefix: string[] = []): Array<{ path: string[]; schema: SchemaNode }> {
  return Object.entries((deref(spec, node) as SchemaNode).properties ?? {}).flatMap(([name, inner]) => {
    const field = { path: [...prefix, name], schema: deref(spec, inner) as SchemaNode };
    return field.schema.type === "object" ? [field, ...fieldsOf(field.schema, field.path)] : [field];
  });
}

/** A value of another JSON type than the schema's. */
export function wrongTypeFor(schema: SchemaNode): unknown {
  return schema.type === "string" ? 42 : schema.type === "integer" || schema.type === "number" || schema.type === "boolean" ? "42" : "not-an-object";
}
