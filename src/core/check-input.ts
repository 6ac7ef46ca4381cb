import { InvalidInputError } from "../errors/InvalidInputError.js";

const CONTROL = /[\u0000-\u001f\u007f]/;
/** Anything but printable ASCII: session ids are ASCII, and other bytes do not survive an HTTP header. */
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;
/** The longest wait `setTimeout` can schedule; a longer one would fire at once. */
export const MAX_DURATION_MS = 2_147_483_647;

/**
 * Checks a secret such as the session token without ever putting its value into the message; `source`
 * says where a valid one comes from.
 */
export function checkSecret(name: string, value: unknown, source: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidInputError(name, `missing or blank. ${source}`);
  }
  const at = value.search(CONTROL);
  if (at >= 0) {
    throw new InvalidInputError(
      name,
      `contains a control character (e.g. a line break) at position ${at + 1}; it cannot be sent in a header. Remove it (copied tokens often end in a newline).`,
    );
  }
  if (value !== value.trim()) {
    throw new InvalidInputError(name, "starts or ends with white space; trim it.");
  }
  const other = value.search(NOT_PRINTABLE_ASCII);
  if (other >= 0) {
    throw new InvalidInputError(
      name,
      `contains a character that is not printable ASCII at position ${other + 1}; a session id is plain ASCII, so check that it was copied whole.`,
    );
  }
  return value;
}

/** Checks an optional id sent as a query parameter (`buildId`, `packageId`). */
export function checkOptionalId(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidInputError(name, "must be a non-empty string, or left out.");
  }
  if (CONTROL.test(value)) {
    throw new InvalidInputError(name, `contains a control character (e.g. a line break): ${JSON.stringify(value)}. Remove it.`);
  }
  return value;
}

/** Checks a duration in milliseconds. */
export function checkDuration(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(name, `must be a positive number of milliseconds (got ${String(value)}).`);
  }
  if (value > MAX_DURATION_MS) {
    throw new InvalidInputError(name, `must be at most ${MAX_DURATION_MS} ms (about 24 days), the longest timer Node.js can set (got ${value}).`);
  }
  return value;
}

/** Checks a count such as `maxAttempts`. */
export function checkCount(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new InvalidInputError(name, `must be a whole number of at least ${min} (got ${String(value)}).`);
  }
  return value;
}

/**
 * The Fetch standard's forbidden request header names: `fetch` refuses them (Node: `transfer-encoding`,
 * `content-length`, `expect`, `upgrade`, `keep-alive`, `connection`) or silently drops them (browsers), so
 * a call would fail or differ between runtimes.
 */
const FORBIDDEN_HEADERS = new Set([
  "accept-charset",
  "accept-encoding",
  "access-control-request-headers",
  "access-control-request-method",
  "connection",
  "content-length",
  "cookie",
  "cookie2",
  "date",
  "dnt",
  "expect",
  "host",
  "keep-alive",
  "origin",
  "referer",
  "set-cookie",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
]);

/** Checks the extra headers: names and values must be sendable, and the token has its own option. */
export function checkHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidInputError("headers", "must be an object of header names to string values.");
  }
  // No prototype: a header named `__proto__` stays a header.
  const out: Record<string, string> = Object.create(null);
  for (const [name, headerValue] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name)) {
      throw new InvalidInputError("headers", `${JSON.stringify(name)} is not a valid header name.`);
    }
    const lower = name.toLowerCase();
    if (lower === "x-session-token") {
      throw new InvalidInputError("headers", "must not set x-session-token; pass the token as `sessionToken`.");
    }
    if (FORBIDDEN_HEADERS.has(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
      throw new InvalidInputError(
        "headers",
        `must not set ${name}: fetch sets it itself, refuses it or drops it (a forbidden request header). Remove it.`,
      );
    }
    // fetch sends header values as Latin-1 bytes: a higher code point would fail only when sending.
    if (typeof headerValue !== "string" || CONTROL.test(headerValue.replace(/\t/g, "")) || /[^\u0000-\u00ff]/.test(headerValue)) {
      throw new InvalidInputError("headers", `the value of ${name} must be a string of Latin-1 characters without control characters.`);
    }
    out[name] = headerValue;
  }
  return out;
}
