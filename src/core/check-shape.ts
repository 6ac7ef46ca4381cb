import type { Shape } from "../../generated/operations.js";
import { compileShape, type FastCheck } from "./compile-shape.js";

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

/** Pushes the issues of `value` (found at the JSON pointer `path`, `depth` steps down) onto `issues`. */
function walk(shape: Shape, value: unknown, path: string, depth: number, issues: ShapeIssue[], schemas: { readonly [name: string]: Shape }): void {
  if (issues.length >= MAX_ISSUES || depth > MAX_DEPTH) return;
  const fail = (message: string) => void issues.push({ path, message });
  if (typeof shape === "string") {
    if (shape.startsWith("#")) {
      const target = schemas[shape.slice(1)];
      return target === undefined ? fail(`refers to an unknown schema ${shape}`) : walk(target, value, path, depth + 1, issues, schemas);
    }
    const problem = typeProblem(shape, value);
    return problem === undefined ? undefined : fail(problem);
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return fail("must be array");
    value.forEach((item, index) => walk((shape as readonly Shape[])[0] ?? "any", item, `${path}/${index}`, depth + 1, issues, schemas));
    return;
  }
  if (!isObject(value)) return fail("must be object");
  for (const [name, property] of Object.entries(shape as { readonly [name: string]: Shape })) {
    if (Object.hasOwn(value, name)) walk(property, value[name], `${path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1, issues, schemas);
  }
}

/** Each type's test, shared by the walk and the compiled check. */
export const TYPES: { readonly [type: string]: (value: unknown) => boolean } = {
  any: () => true,
  string: (value) => typeof value === "string",
  "date-time": (value) => typeof value === "string" && DATE_TIME.test(value),
  integer: Number.isInteger,
  number: (value) => typeof value === "number" && Number.isFinite(value),
  boolean: (value) => typeof value === "boolean",
  object: isObject,
};

/** What is wrong with `value` as a value of the type `type`, or `undefined` when nothing is. */
function typeProblem(type: string, value: unknown): string | undefined {
  if (!Object.hasOwn(TYPES, type)) return `has an unknown shape ${type}`;
  if (TYPES[type]?.(value)) return undefined;
  // A date-time string that does not parse is told so; anything else is told its JSON type, as Ajv does.
  return type !== "date-time" ? `must be ${type}` : typeof value === "string" ? 'must match format "date-time"' : "must be string";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The compiled check of each shape, per schema table (`undefined` where the runtime allows no compiling). */
const compiled = new WeakMap<object, Map<Shape, FastCheck | undefined>>();

/**
 * The places where `value` does not match `shape` (at most 50), each with its JSON pointer; `[]` when it
 * matches. `schemas` resolves `"#Name"`. A body is first run through the shape's compiled check (made on
 * first use, kept per `schemas` table), and walked for its issues only when that says no, or where the runtime
 * allows no compiling.
 */
export function shapeIssues(shape: Shape, value: unknown, schemas: { readonly [name: string]: Shape }): ShapeIssue[] {
  let checks = compiled.get(schemas);
  if (!checks) compiled.set(schemas, (checks = new Map()));
  let fast = checks.get(shape);
  if (fast === undefined && !checks.has(shape)) checks.set(shape, (fast = compileShape(shape, schemas, TYPES)));
  const issues: ShapeIssue[] = [];
  if (!fast?.(value)) walk(shape, value, "", 0, issues, schemas);
  return issues;
}
