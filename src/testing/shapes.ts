import { shapeFields, type ShapeName } from "./operation-table.js";

export type { ShapeName };

/** One field of a shape: its name, and the shape of its object(s) when it holds any. */
export interface ShapeField {
  readonly name: string;
  readonly shape: ShapeName | undefined;
}

const FIELDS = new Map<ShapeName, readonly ShapeField[]>();

/**
 * The fields of a response schema, in the spec's order, from the shapes `npm run generate` writes into the
 * operation table: field name → nested schema (or undefined for a plain value).
 */
export function fieldsOf(name: ShapeName): readonly ShapeField[] {
  let fields = FIELDS.get(name);
  if (!fields) {
    fields = shapeFields(name).map(([field, shape]) => ({ name: field, shape }));
    FIELDS.set(name, fields);
  }
  return fields;
}

/**
 * A copy of `value` with only the fields of `shape`, nested objects and lists of objects cut to theirs;
 * fields that are `undefined` are left out. Anything that is not an object is returned as it is, so that a
 * wrong value stays visible to the validators rather than being hidden.
 */
export function project(value: unknown, shape: ShapeName): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, shape));
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(shape)) {
    const fieldValue = source[field.name];
    if (fieldValue === undefined) continue;
    out[field.name] = field.shape === undefined ? copyJson(fieldValue) : project(fieldValue, field.shape);
  }
  return out;
}

/** A deep copy of plain JSON data, so that no caller holds a reference into the fake's state. */
function copyJson(value: unknown): unknown {
  return value !== null && typeof value === "object" ? structuredClone(value) : value;
}
