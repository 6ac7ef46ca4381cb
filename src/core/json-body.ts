import { InvalidInputError } from "../errors/InvalidInputError.js";

/** How deep a request body may nest; the API's bodies nest three levels. */
const MAX_BODY_DEPTH = 64;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Why `value` cannot go into a JSON body as it is, or `undefined` when it can. */
function problemOf(value: unknown, inArray: boolean): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `is ${String(value)}, which JSON cannot carry (it would be sent as null); pass a finite number`;
    case "undefined":
      return inArray ? "is undefined inside an array (it would be sent as null); remove it or pass null" : undefined;
    case "object":
      if (value === null) return undefined;
      if (Array.isArray(value)) return undefined;
      if (!isPlainObject(value)) {
        const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
        return `is ${typeof kind === "string" && kind ? `a ${kind}` : "not a plain object"}; pass plain data (e.g. a date as an ISO string such as "2025-05-04T09:42:00Z")`;
      }
      if ("toJSON" in value) return "has a toJSON method, so JSON would send something else; pass the plain data itself";
      return undefined;
    default:
      return `is a ${typeof value}, which JSON cannot carry; pass plain data: objects, arrays, strings, finite numbers, booleans, null`;
  }
}

/**
 * Checks that `value` is plain JSON data (a plain object at the top; inside, plain objects, arrays,
 * strings, finite numbers, booleans and null; no cycles) and throws an `InvalidInputError` naming the
 * path of the first part that is not, so nothing is sent that `JSON.stringify` would silently change.
 */
export function checkJsonBody(name: string, value: unknown): void {
  if (value === null || typeof value !== "object" || Array.isArray(value) || !isPlainObject(value)) {
    throw new InvalidInputError(name, `must be a plain object of the entity's fields, \`{ … }\` (got ${describe(value)}).`);
  }
  const ancestors: object[] = [];
  const visit = (current: unknown, path: string, inArray: boolean): void => {
    const problem = problemOf(current, inArray);
    if (problem) throw new InvalidInputError(path, `${problem}.`);
    if (current === null || typeof current !== "object") return;
    if (ancestors.includes(current)) throw new InvalidInputError(path, "refers back to an object that contains it (a cycle); JSON cannot carry that.");
    if (ancestors.length >= MAX_BODY_DEPTH) throw new InvalidInputError(path, `is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    ancestors.push(current);
    if (Array.isArray(current)) current.forEach((item, index) => visit(item, `${path}[${index}]`, true));
    else for (const [key, item] of Object.entries(current)) visit(item, `${path}.${key}`, false);
    ancestors.pop();
  };
  visit(value, name, false);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof kind === "string" && kind ? `a ${kind}` : "an object without a prototype chain of Object";
  }
  return `a ${typeof value}`;
}
