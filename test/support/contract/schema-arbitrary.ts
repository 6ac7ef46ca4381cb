import fc from "fast-check";
import { deref } from "../../../scripts/lib/spec.mjs";

/** The part of a JSON Schema (as the spec uses it) that values are generated from. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  [keyword: string]: unknown;
}

// Keywords that `arbitraryFor` does not honour yet: it refuses them rather than generate invalid data.
const UNSUPPORTED = ["pattern", "minLength", "maxLength", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "oneOf", "anyOf", "allOf", "not", "const", "minItems", "maxItems"];

function bounds(schema: JsonSchema): { min?: number; max?: number } {
  return {
    ...(typeof schema.minimum === "number" ? { min: schema.minimum } : {}),
    ...(typeof schema.maximum === "number" ? { max: schema.maximum } : {}),
  };
}

const DATE_TIME = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());

/**
 * A fast-check arbitrary of the values `schema` accepts (optional properties come and go). A keyword it cannot
 * honour fails loudly, so a spec change never makes it generate values that the spec rejects.
 */
export function arbitraryFor(schema: JsonSchema, document: unknown): fc.Arbitrary<unknown> {
  const resolved = deref(document, schema) as JsonSchema;
  const unsupported = UNSUPPORTED.filter((keyword) => keyword in resolved);
  if (unsupported.length > 0) throw new Error(`schema-arbitrary: extend it for ${unsupported.join(", ")}`);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  switch (resolved.type) {
    case "integer":
      return "minimum" in resolved || "maximum" in resolved ? fc.integer(bounds(resolved)) : fc.maxSafeInteger();
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, ...bounds(resolved) });
    case "boolean":
      return fc.boolean();
    case "string":
      if (resolved.format === undefined) return fc.string({ unit: "grapheme", maxLength: 40 });
      if (resolved.format === "date-time") return DATE_TIME;
      throw new Error(`schema-arbitrary: extend it for format ${resolved.format}`);
    case "array":
      return fc.array(arbitraryFor(resolved.items ?? {}, document), { maxLength: 3 });
    case "object": {
      const model = Object.fromEntries(Object.entries(resolved.properties ?? {}).map(([name, sub]) => [name, arbitraryFor(sub, document)]));
      return fc.record(model, { requiredKeys: resolved.required ?? [] });
    }
    default:
      throw new Error(`schema-arbitrary: extend it for type ${String(resolved.type)}`);
  }
}

/** Every property of an object schema, nested objects included, as a path and its schema. */
export function schemaFields(schema: JsonSchema, document: unknown, prefix: string[] = []): Array<{ path: string[]; schema: JsonSchema }> {
  const resolved = deref(document, schema) as JsonSchema;
  return Object.entries(resolved.properties ?? {}).flatMap(([name, sub]) => {
    const field = { path: [...prefix, name], schema: deref(document, sub) as JsonSchema };
    return field.schema.type === "object" ? [field, ...schemaFields(field.schema, document, field.path)] : [field];
  });
}

/** A value of another JSON type than `schema` allows. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  switch (schema.type) {
    case "integer":
    case "number":
      return "42";
    case "boolean":
      return "true";
    case "string":
      return 42;
    default:
      return "not-an-object";
  }
}

/** Query values `schema` refuses, each with why (none for a plain string: every query value is one). */
export function wrongQueryValues(schema: JsonSchema): Array<{ value: string | number; why: string }> {
  const wrong: Array<{ value: string | number; why: string }> = [];
  if (schema.enum) wrong.push({ value: "none-of-these", why: `not one of ${schema.enum.join(", ")}` });
  if (schema.type === "integer" || schema.type === "number") wrong.push({ value: "forty-two", why: `not a number` });
  if (schema.type === "boolean") wrong.push({ value: "maybe", why: "not a boolean" });
  if (typeof schema.minimum === "number") wrong.push({ value: schema.minimum - 1, why: `below its minimum ${schema.minimum}` });
  if (typeof schema.maximum === "number") wrong.push({ value: schema.maximum + 1, why: `above its maximum ${schema.maximum}` });
  return wrong;
}

/** A copy of `value` with the field at `path` set to `replacement` (creating parents as needed). */
export function withField(value: unknown, path: string[], replacement: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = structuredClone((value ?? {}) as Record<string, unknown>);
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = node[key] = next !== null && typeof next === "object" && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  }
  node[path.at(-1) as string] = replacement;
  return root;
}
