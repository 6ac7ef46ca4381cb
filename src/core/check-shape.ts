import type { Shape } from "../../generated/operations.js";

/**
 * A compact description of what a JSON value must look like, generated from the spec's schemas
 * (scripts/lib/shapes.mjs): a type name (`"string"`, `"integer"`, `"number"`, `"boolean"`, `"date-time"`,
 * `"object"`, `"any"`), `"#Name"` for a shared schema, `[shape]` for an array, `{ name: shape }` for an object
 * with those properties (each optional; others allowed).
 */
export type { Shape };

/** One place where a value does not match its shape: a JSON pointer and what is wrong. */
export interface ShapeIssue {
  path: string;
  message: string;
}

/** RFC 3339 `date-time`, the form of every iwERP timestamp (e.g. `2025-05-04T09:42:00Z`). */
const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Schemas do not nest deeper than this; a body that would is not followed further. */
const MAX_DEPTH = 64;
/** More issues than this say nothing more. */
const MAX_ISSUES = 50;

function typeIssue(shape: string, value: unknown): string | undefined {
  switch (shape) {
    case "any":
      return undefined;
    case "string":
      return typeof value === "string" ? undefined : "must be string";
    case "date-time":
      return typeof value !== "string" ? "must be string" : DATE_TIME.test(value) ? undefined : 'must match format "date-time"';
    case "integer":
      return Number.isInteger(value) ? undefined : "must be integer";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be boolean";
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? undefined : "must be object";
    default:
      return `has an unknown shape ${shape}`;
  }
}

/**
 * The places where `value` does not match `shape` (at most 50), each with its JSON pointer; `[]` when it
 * matches. `schemas` resolves `"#Name"`.
 */
export function shapeIssues(shape: Shape, value: unknown, schemas: { readonly [name: string]: Shape }): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const visit = (current: Shape, at: unknown, path: string, depth: number): void => {
    if (issues.length >= MAX_ISSUES || depth > MAX_DEPTH) return;
    if (typeof current === "string") {
      if (current.startsWith("#")) {
        const target = schemas[current.slice(1)];
        if (target === undefined) issues.push({ path, message: `refers to an unknown schema ${current}` });
        else visit(target, at, path, depth + 1);
        return;
      }
      const message = typeIssue(current, at);
      if (message) issues.push({ path, message });
      return;
    }
    if (Array.isArray(current)) {
      if (!Array.isArray(at)) return void issues.push({ path, message: "must be array" });
      const item = current[0] ?? "any";
      at.forEach((element, index) => visit(item, element, `${path}/${index}`, depth + 1));
      return;
    }
    if (at === null || typeof at !== "object" || Array.isArray(at)) return void issues.push({ path, message: "must be object" });
    for (const [name, property] of Object.entries(current as { readonly [name: string]: Shape })) {
      if (Object.hasOwn(at, name)) visit(property, (at as Record<string, unknown>)[name], `${path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1);
    }
  };
  visit(shape, value, "", 0);
  return issues;
}
