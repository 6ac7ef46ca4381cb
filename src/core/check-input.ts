import { InvalidInputError } from "../errors/InvalidInputError.js";

const CONTROL = /[\u0000-\u001f\u007f]/;
/** Anything but printable ASCII (control characters included): session ids are ASCII, and other bytes do not survive an HTTP header. */
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;
/** What a header value must not contain: fetch sends values as Latin-1 bytes, and a control character other than tab cannot be sent. */
const NOT_HEADER_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;
/** The longest wait `setTimeout` can schedule; a longer one would fire at once. */
export const MAX_DURATION_MS = 2_147_483_647;

/**
 * The `InvalidInputError` "`name` must be `what` (got `got`)."; `got` is left out when not given. The error names
 * `call` when given (the call it stopped).
 */
export function mustBe(name: string, what: string, got?: string, call?: { method: string; url: string }): InvalidInputError {
  return new InvalidInputError(name, `must be ${what}${got === undefined ? "" : ` (got ${got})`}.`, call);
}

/**
 * How a message names a value it got: `undefined`, `null`, `5`, `a string` (never its content, which may be a
 * secret), `a blank string`, `an array`, `a Date`, `an object`, `a boolean` …
 */
export function describeValue(value: unknown): string {
  if (value == null || typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim() === "" ? "a blank string" : "a string";
  if (Array.isArray(value)) return "an array";
  if (typeof value !== "object") return `a ${typeof value}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name && name !== "Object" ? `a ${name}` : "an object";
}

/** True for a string that is not empty or only white space. */
export function isFilled(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/**
 * Checks a secret such as the session token without ever putting its value into the message; `source`
 * says where a valid one comes from, `min` the fewest characters it may have (default: 1).
 */
export function checkSecret(name: string, value: unknown, source: string, min = 1): string {
  if (!isFilled(value)) throw new InvalidInputError(name, `missing or blank. ${source}`);
  const at = value.search(NOT_PRINTABLE_ASCII);
  if (at >= 0) {
    throw new InvalidInputError(name, `contains a line break, control or non-ASCII character at position ${at + 1}; remove it.`);
  }
  if (value !== value.trim()) throw new InvalidInputError(name, "starts or ends with white space; trim it.");
  if (value.length < min) throw new InvalidInputError(name, `is too short: ${value.length} of at least ${min} characters. ${source}`);
  return value;
}

/** Checks an optional id sent as a query parameter (`buildId`, `packageId`). */
export function checkOptionalId(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isFilled(value)) throw mustBe(name, "a non-empty string, or left out");
  if (CONTROL.test(value)) throw new InvalidInputError(name, "contains a control character (e.g. a line break); remove it.");
  return value;
}

/** Checks a duration in milliseconds: more than 0, and at most `MAX_DURATION_MS`. */
export function checkDuration(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value > 0 && value <= MAX_DURATION_MS)) {
    throw mustBe(name, `a positive number of milliseconds up to ${MAX_DURATION_MS}`, String(value));
  }
  return value;
}

/**
 * Checks a count such as `maxAttempts`: a whole number from `min` to `max` (default: no maximum). The error names
 * `call` when given (the call it stopped).
 */
export function checkCount(name: string, value: unknown, min: number, max = Infinity, call?: { method: string; url: string }): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw mustBe(name, `a whole number ${max < Infinity ? `from ${min} to ${max}` : `of at least ${min}`}`, describeValue(value), call);
  }
  return value;
}

/**
 * The Fetch standard's forbidden request header names (`proxy-*` and `sec-*` among them): `fetch` refuses them
 * (Node: `transfer-encoding`, `content-length`, `expect`, `upgrade`, `keep-alive`, `connection`) or silently
 * drops them (browsers), so a call would fail or differ between runtimes.
 */
const FORBIDDEN_HEADER =
  /^(?:accept-(?:charset|encoding)|access-control-request-(?:headers|method)|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|(?:proxy|sec)-.*)$/;

/** Checks the extra headers: names and values must be sendable, and the credentials have their own options. */
export function checkHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  // Each property of its own is a header: the entries of an iterable (`Headers`, a `Map`) are none, so they were dropped
  // without a word. A list (of pairs too) is an iterable as well.
  if (value === null || typeof value !== "object" || Symbol.iterator in value) {
    throw mustBe("headers", "an object of header names to string values");
  }
  // No prototype: a header named `__proto__` stays a header.
  const out: Record<string, string> = Object.create(null);
  for (const [name, headerValue] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name)) {
      throw new InvalidInputError("headers", `${JSON.stringify(name)} is not a valid header name.`);
    }
    const lower = name.toLowerCase();
    const option = lower === "x-session-token" ? "sessionToken" : lower === "x-iw-jwt-token" ? "apiKey" : "";
    // A credential in `headers` would be sent beside the client's own, and not redacted.
    if (option) throw new InvalidInputError("headers", `must not set ${lower}; pass it as \`${option}\`.`);
    if (FORBIDDEN_HEADER.test(lower)) {
      throw new InvalidInputError("headers", `must not set ${name}: fetch sets, refuses or drops it.`);
    }
    // A character beyond Latin-1 would fail only when sending.
    if (typeof headerValue !== "string" || NOT_HEADER_VALUE.test(headerValue)) {
      throw new InvalidInputError("headers", `the value of ${name} must be a Latin-1 string without control characters.`);
    }
    out[name] = headerValue;
  }
  return out;
}
