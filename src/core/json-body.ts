import { InvalidInputError } from "../errors/InvalidInputError.js";
import { describeValue } from "./check-input.js";

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
      return Number.isFinite(value) ? undefined : `is ${value}, which JSON sends as null; pass a finite number`;
    case "undefined":
      return inArray ? "is undefined in an array, which JSON sends as null; remove it or pass null" : undefined;
    case "object":
      if (value === null || Array.isArray(value)) return undefined;
      if (!isPlainObject(value)) return `is ${describeValue(value)}; pass plain data (e.g. a date as an ISO string)`;
      return "toJSON" in value ? "has a toJSON method, so JSON would send something else; pass the data itself" : undefined;
    default:
      return `is a ${typeof value}, which JSON cannot carry; pass plain data`;
  }
}

/**
 * Checks that `value` is plain JSON data (a plain object at the top; inside, plain objects, arrays,
 * strings, finite numbers, booleans and null; no cycles) and throws an `InvalidInputError` naming the
 * path of the first part that is not, so nothing is sent that `JSON.stringify` would silently change.
 *
 * @param secretFields names of fields whose values are secrets (the spec marks them).
 * @returns the string values of those fields, anywhere in `value`: the secrets the call sends, which the
 *   client redacts wherever the server echoes them.
 */
export function checkJsonBody(name: string, value: unknown, secretFields: readonly string[] = []): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value) || !isPlainObject(value)) {
    throw new InvalidInputError(name, `must be a plain object of the entity's fields (got ${describeValue(value)}).`);
  }
  const secrets: string[] = [];
  const ancestors: object[] = [];
  const visit = (current: unknown, path: string, inArray: boolean): void => {
    const problem = problemOf(current, inArray);
    if (problem) throw new InvalidInputError(path, `${problem}.`);
    if (current === null || typeof current !== "object") return;
    if (ancestors.includes(current)) throw new InvalidInputError(path, "refers back to an object that contains it (a cycle).");
    if (ancestors.length >= MAX_BODY_DEPTH) throw new InvalidInputError(path, `is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    ancestors.push(current);
    if (Array.isArray(current)) current.forEach((item, index) => visit(item, `${path}[${index}]`, true));
    else {
      for (const [key, item] of Object.entries(current)) {
        if (typeof item === "string" && secretFields.includes(key)) secrets.push(item);
        visit(item, `${path}.${key}`, false);
      }
    }
    ancestors.pop();
  };
  visit(value, name, false);
  return secrets;
}
