import type { ConnectionPhase } from "../errors/ConnectionError.js";

/**
 * System error codes after which the request certainly never reached a server: nothing listened, the
 * name did not resolve, no route. Only these make a create safe to repeat.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The system error code behind a failed `fetch` (undici nests it in `cause`, sometimes in an AggregateError). */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "ERR_INVALID_STATE") return code;
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0) {
      current = inner[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Where a failed `fetch` broke off: before sending (`connect`) or possibly after (`request`). */
export function fetchFailurePhase(code: string | undefined): ConnectionPhase {
  return code !== undefined && NOT_SENT_CODES.has(code) ? "connect" : "request";
}

/** The innermost message of a network error chain, e.g. `connect ECONNREFUSED 127.0.0.1:9`. */
export function networkErrorMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  const seen = new Set<unknown>();
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    if (current.message) message = current.message;
    current = current.cause ?? (current as { errors?: unknown[] }).errors?.[0];
  }
  return message;
}
