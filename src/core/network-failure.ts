import type { ConnectionPhase } from "../errors/ConnectionError.js";

/**
 * System error codes after which the request certainly never reached a server: nothing listened, the
 * name did not resolve, no route. Only these make a non-idempotent request safe to repeat.
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

/**
 * Deno's fetch sets no `code`; its message names the failed step, e.g. `error sending request for url (…):
 * client error (Connect): tcp connect error: Connection refused (os error 111)`. Only a failure of the
 * `Connect` step is read, since only then was nothing sent, and only its reason, so that a URL in the
 * message cannot be mistaken for one.
 */
const DENO_CONNECT_STEP = /client error \(Connect\):(.*)$/s;

/** Reasons of a failed connect in Deno (the OS's wording, Linux, macOS and Windows) and the code they mean. */
const CONNECT_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/connection refused|actively refused/i, "ECONNREFUSED"],
  [/dns error:.*temporary failure/i, "EAI_AGAIN"],
  [/dns error:/i, "ENOTFOUND"],
  [/network is unreachable/i, "ENETUNREACH"],
  [/no route to host|host is unreachable/i, "EHOSTUNREACH"],
];

/**
 * The system error code behind a failed `fetch`, in the terms of Node.js (e.g. `ECONNREFUSED`), whichever
 * runtime threw it: undici (Node.js) nests it in `cause`, sometimes in an AggregateError; Bun sets it on
 * the TypeError itself; Deno only describes it in a message, which is read for the connect failures above.
 *
 * Browsers give none: Chromium's `TypeError: Failed to fetch` (Firefox: `NetworkError when attempting to
 * fetch resource.`, Safari: `Load failed`) is the same for a refused connection, a connection reset after
 * the request was sent and a response that CORS withholds, so it yields `undefined`: the phase is then
 * `request`, and a non-idempotent request is not repeated on a guess.
 */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "ERR_INVALID_STATE") return code;
    const fromMessage = denoConnectCode((current as { message?: unknown }).message);
    if (fromMessage) return fromMessage;
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0) {
      current = inner[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function denoConnectCode(message: unknown): string | undefined {
  if (typeof message !== "string") return undefined;
  const reason = DENO_CONNECT_STEP.exec(message)?.[1];
  if (reason === undefined) return undefined;
  return CONNECT_REASONS.find(([pattern]) => pattern.test(reason))?.[1];
}

/**
 * Error codes that mean the server had begun to answer: undici's HTTP parser failed on what came back (`HPE_*`,
 * a malformed status line or header) or the head grew past its limit. The request arrived, so it counts as
 * processed.
 */
const ANSWER_BEGUN_CODES = new Set(["UND_ERR_HEADERS_OVERFLOW", "UND_ERR_RES_EXCEEDED_MAX_SIZE", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

/**
 * Where a failed `fetch` broke off: before sending (`connect`), possibly after (`request`), or after the
 * server had begun to answer (`response`).
 */
export function fetchFailurePhase(code: string | undefined): ConnectionPhase {
  if (code === undefined) return "request";
  if (NOT_SENT_CODES.has(code)) return "connect";
  return code.startsWith("HPE_") || ANSWER_BEGUN_CODES.has(code) ? "response" : "request";
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
