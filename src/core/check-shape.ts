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

/**
 * Where the check is in the value, as the pointer-escaped keys from the top (pushed on the way down, popped on
 * the way up): joined into a JSON pointer only when an issue is found. Its length is the depth.
 */
type At = Array<string | number>;

/** A compiled shape: pushes the issues of `value` (found at `at`) onto `issues`. */
type Check = (value: unknown, at: At, issues: ShapeIssue[]) => void;

function report(issues: ShapeIssue[], at: At, message: string): void {
  if (issues.length < MAX_ISSUES) issues.push({ path: at.length === 0 ? "" : `/${at.join("/")}`, message });
}

const TYPE_CHECKS: Readonly<Record<string, Check>> = {
  any: () => {},
  string: (value, at, issues) => void (typeof value === "string" || report(issues, at, "must be string")),
  "date-time": (value, at, issues) => {
    if (typeof value !== "string") report(issues, at, "must be string");
    else if (!DATE_TIME.test(value)) report(issues, at, 'must match format "date-time"');
  },
  integer: (value, at, issues) => void (Number.isInteger(value) || report(issues, at, "must be integer")),
  number: (value, at, issues) => void ((typeof value === "number" && Number.isFinite(value)) || report(issues, at, "must be number")),
  boolean: (value, at, issues) => void (typeof value === "boolean" || report(issues, at, "must be boolean")),
  object: (value, at, issues) => void (isObject(value) || report(issues, at, "must be object")),
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Compiles shapes into checks once per schema table, so a body is walked without re-reading its shape:
 * property lists and their pointer-escaped names are computed when a shape is first used.
 */
function compiler(schemas: { readonly [name: string]: Shape }): (shape: Shape) => Check {
  const byName = new Map<string, Check>();
  const compile = (shape: Shape): Check => {
    if (typeof shape === "string") {
      if (!shape.startsWith("#")) return TYPE_CHECKS[shape] ?? ((_v, at, issues) => report(issues, at, `has an unknown shape ${shape}`));
      const name = shape.slice(1);
      const known = byName.get(name);
      if (known) return known;
      const target = schemas[name];
      if (target === undefined) return (_v, at, issues) => report(issues, at, `refers to an unknown schema ${shape}`);
      // Through a forward reference, so a schema that refers to itself compiles.
      let compiled: Check | undefined;
      const check: Check = (value, at, issues) => (compiled ??= compile(target))(value, at, issues);
      byName.set(name, check);
      return check;
    }
    if (Array.isArray(shape)) {
      const item = compile((shape as readonly Shape[])[0] ?? "any");
      return (value, at, issues) => {
        if (!Array.isArray(value)) return report(issues, at, "must be array");
        if (at.length >= MAX_DEPTH) return;
        for (let index = 0; index < value.length && issues.length < MAX_ISSUES; index++) {
          at.push(index);
          item(value[index], at, issues);
          at.pop();
        }
      };
    }
    const properties = Object.entries(shape as { readonly [name: string]: Shape }).map(([name, property]) => ({
      name,
      key: name.replace(/~/g, "~0").replace(/\//g, "~1"),
      check: compile(property),
    }));
    return (value, at, issues) => {
      if (!isObject(value)) return report(issues, at, "must be object");
      if (at.length >= MAX_DEPTH) return;
      for (const property of properties) {
        if (!Object.hasOwn(value, property.name)) continue;
        at.push(property.key);
        property.check(value[property.name], at, issues);
        at.pop();
      }
    };
  };
  return compile;
}

/** A shape's checks: the compiled one that answers yes or no (when the runtime allows it), and the walk that finds the issues. */
interface Checks {
  fast: FastCheck | undefined;
  walk: Check;
}

const compilers = new WeakMap<object, { compile: (shape: Shape) => Check; checks: Map<Shape, Checks> }>();

/**
 * The places where `value` does not match `shape` (at most 50), each with its JSON pointer; `[]` when it
 * matches. `schemas` resolves `"#Name"`. Shapes are compiled on first use and kept per `schemas` table: a body
 * is first run through the compiled check, and walked for its issues only when that says no.
 */
export function shapeIssues(shape: Shape, value: unknown, schemas: { readonly [name: string]: Shape }): ShapeIssue[] {
  let cache = compilers.get(schemas);
  if (!cache) compilers.set(schemas, (cache = { compile: compiler(schemas), checks: new Map() }));
  let checks = cache.checks.get(shape);
  if (!checks) cache.checks.set(shape, (checks = { fast: compileShape(shape, schemas, DATE_TIME), walk: cache.compile(shape) }));
  const issues: ShapeIssue[] = [];
  if (checks.fast?.(value)) return issues;
  checks.walk(value, [], issues);
  return issues;
}
