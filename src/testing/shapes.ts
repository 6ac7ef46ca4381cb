import { SCHEMAS, type SchemaName } from "../../generated/operations.js";

/** The name of a schema the fake renders, e.g. `ChatroomParticipantListItem`: any the spec's responses use. */
export type ShapeName = SchemaName;

/** One field of a shape: its name, and the shape of its object(s) when it holds any. */
export interface ShapeField {
  readonly name: string;
  readonly shape: ShapeName | undefined;
}

/** The schema an object (or a list of objects) of this field shape refers to, e.g. `"#ChatroomRef"` or `["#ChatroomRef"]`. */
function nestedSchema(shape: unknown): ShapeName | undefined {
  const inner = Array.isArray(shape) ? shape[0] : shape;
  return typeof inner === "string" && inner.startsWith("#") && inner.slice(1) in SCHEMAS ? (inner.slice(1) as ShapeName) : undefined;
}

const FIELDS = new Map<ShapeName, readonly ShapeField[]>();

/**
 * The fields of a response schema, in the spec's order, from the shapes `npm run generate` writes into the
 * operation table: field name → nested schema (or undefined for a plain value).
 */
export function fieldsOf(name: ShapeName): readonly ShapeField[] {
  let fields = FIELDS.get(name);
  if (!fields) {
    const shape = SCHEMAS[name];
    fields = typeof shape === "object" && !Array.isArray(shape) ? Object.entries(shape).map(([field, inner]) => ({ name: field, shape: nestedSchema(inner) })) : [];
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
