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

/** Checks the query parameters: a plain object of strings, finite numbers and booleans (undefined ones are left out). */
export function checkQuery(given: unknown): Record<string, unknown> {
  // No prototype: a parameter called `__proto__` stays a parameter.
  const out: Record<string, unknown> = Object.create(null);
  if (given === undefined) return out;
  if (given === null || typeof given !== "object" || Array.isArray(given)) {
    throw mustBe("query", "an object of query parameters");
  }
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!isQueryValue(value)) {
      throw mustBe(`query.${name}`, "a string, a finite number or a boolean", describeValue(value));
    }
    out[name] = value;
  }
  return out;
}
