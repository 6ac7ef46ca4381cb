import { InvalidInputError } from "../errors/InvalidInputError.js";
import { describeValue, isFilled, mustBe } from "./check-input.js";

/** A query value openapi-fetch can write: a string, a finite number, a boolean, or a list of those. */
function isQueryValue(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item !== "object" && isQueryValue(item));
}

/**
 * `path` with each `{name}` in it replaced by the path parameter `name` of `given`, URL-encoded: a non-empty
 * string or a whole number (an entity's id). Throws an `InvalidInputError` naming the parameter.
 */
export function fillPath(path: string, given: unknown): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (given === null || typeof given !== "object") throw mustBe("path", `an object with \`${name}\``);
    const value: unknown = (given as Record<string, unknown>)[name];
    if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
    if (value === "." || value === "..") {
      throw new InvalidInputError(name, `is ${JSON.stringify(value)}, which a URL resolves as a step up the path.`);
    }
    if (isFilled(value)) return encodeURIComponent(value);
    throw mustBe(name, "a non-empty string or a whole number, such as an entity's `id`", describeValue(value));
  });
}

/**
 * Checks that the query parameters are an object, and no list or other iterable (none: an empty one);
 * `checkQueryValue` checks each as it is written. The error names `call` when given (the call it stopped).
 */
export function checkQuery(given: unknown, call?: { method: string; url: string }): Record<string, unknown> {
  if (given === undefined) return {};
  // Each property of its own is a parameter. The entries of an iterable (`URLSearchParams`, a `Map`) are none, so such
  // a query went out empty: a list without its filter, every room's participants.
  if (given === null || typeof given !== "object" || Symbol.iterator in given) throw mustBe("query", "an object of query parameters", describeValue(given), call);
  return given as Record<string, unknown>;
}

/** Throws an `InvalidInputError` naming `query.name` unless `value` is a string, a finite number, a boolean or a list of those. */
export function checkQueryValue(name: string, value: unknown): void {
  if (!isQueryValue(value)) throw mustBe(`query.${name}`, "a string, a finite number or a boolean", describeValue(value));
}
