import { InvalidInputError } from "../errors/InvalidInputError.js";
import { describeValue, mustBe } from "./check-input.js";

/** How deep a request body may nest; the API's bodies nest three levels. */
const MAX_BODY_DEPTH = 64;

/** Whether `value` was made as `{…}` or with a null prototype (not an array, a class's instance, a `Date`). */
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

/** A request entity as it is sent, and the secrets it holds. */
export interface JsonBody {
  /** The entity with every id at one of the operation's `bodyIds` as the integer the API documents. */
  sent: unknown;
  /** The values (strings, or numbers as their digits) of the fields the spec marks secret, anywhere in it: the client redacts them wherever the server echoes them. */
  secrets: string[];
}

/**
 * Checks that `value` is plain JSON data (a plain object at the top; inside, plain objects, arrays, strings, finite
 * numbers, booleans and null; no cycles) and throws an `InvalidInputError` naming the path of the first part that
 * is not (from `name`: `participant.chatroom.id`), so nothing is sent that `JSON.stringify` would silently change.
 * In the same walk, every id at one of `idPaths` (the operation's generated `bodyIds`, e.g. `chatroom.id`,
 * `reactions[].id`) becomes the integer the API documents, so `"42"` goes out as `42`; an id that is neither a whole
 * number nor a string of digits (`"abc"`, `"4.2"`, `""`, `" 42"`) is an `InvalidInputError`. The walk builds the
 * body it returns: the caller's object is left as it is.
 *
 * @param secretFields names of fields whose values are secrets (the spec marks them).
 */
export function jsonBody(name: string, value: unknown, secretFields: readonly string[] = [], idPaths: readonly string[] = []): JsonBody {
  if (value === null || typeof value !== "object" || !isPlainObject(value)) {
    throw mustBe(name, "a plain object of the entity's fields", describeValue(value));
  }
  const secrets: string[] = [];
  const ancestors: object[] = [];
  /** `current` as it is sent; `path` names it for messages, `at` is its place as `bodyIds` names it (`reactions[].id`). */
  const visit = (current: unknown, path: string, at: string, inArray: boolean): unknown => {
    const problem = problemOf(current, inArray);
    if (problem) throw new InvalidInputError(path, `${problem}.`);
    if (idPaths.includes(at) && current !== undefined) {
      const id = typeof current === "string" && /^\d+$/.test(current) ? Number(current) : current;
      if (!Number.isSafeInteger(id)) throw mustBe(path, "a whole number or a string of digits, such as an entity's `id`", describeValue(current));
      return id;
    }
    if (current === null || typeof current !== "object") return current;
    if (ancestors.includes(current)) throw new InvalidInputError(path, "refers back to an object that contains it (a cycle).");
    if (ancestors.length >= MAX_BODY_DEPTH) throw new InvalidInputError(path, `is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    ancestors.push(current);
    const sent = Array.isArray(current)
      ? current.map((item, index) => visit(item, `${path}[${index}]`, `${at}[]`, true))
      : // `fromEntries` defines each key as a property of its own, so a `__proto__` key stays a plain key.
        Object.fromEntries(
          Object.entries(current).map(([key, item]) => {
            // A number too: from JavaScript (the spec says a string) it goes out, and may be echoed, as its digits.
            if ((typeof item === "string" || typeof item === "number") && secretFields.includes(key)) secrets.push(String(item));
            return [key, visit(item, `${path}.${key}`, at ? `${at}.${key}` : key, false)];
          }),
        );
    ancestors.pop();
    return sent;
  };
  return { sent: visit(value, name, "", false), secrets };
}
