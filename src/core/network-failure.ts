import type { ConnectionPhase } from "../errors/ConnectionError.js";

/**
 * System error codes after which the request certainly never reached a server: nothing listened
 * (`ECONNREFUSED`), the name did not resolve (`ENOTFOUND`, `EAI_AGAIN`, `EAI_NONAME`, `EAI_FAIL`), no route
 * (`ENETUNREACH`, `EHOSTUNREACH`), undici's connect timeout (`UND_ERR_CONNECT_TIMEOUT`). Only these make a
 * non-idempotent request safe to repeat.
 */
const NOT_SENT_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_(AGAIN|NONAME|FAIL)|E(NET|HOST)UNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/**
 * Codes of a TLS certificate the runtime refused: Node.js names the certificate (`CERT_HAS_EXPIRED`,
 * `CERT_NOT_YET_VALID`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `SELF_SIGNED_CERT_IN_CHAIN`, `ERR_TLS_CERT_ALTNAME_INVALID` …)
 * or says what it could not verify (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`); also
 * `ERR_SSL_WRONG_VERSION_NUMBER`, an answer that is no TLS (`https://` to a port that speaks plain http). The
 * handshake failed, so nothing was sent, and a repetition meets the same certificate, so it is not retried (see
 * `retryDelay`).
 */
export const CERTIFICATE_CODE = /CERT|^UNABLE_TO_|_WRONG_VERSION/;

/**
 * Deno's fetch sets no `code`; its message names the failed step, e.g. `error sending request for url (…):
 * client error (Connect): tcp connect error: Connection refused (os error 111)`. Only a failure of the
 * `Connect` step is read, since only then was nothing sent, and only its reason, so that a URL in the
 * message cannot be mistaken for one.
 */
const DENO_CONNECT_STEP = /client error \(Connect\):(.*)$/s;

/**
 * Reasons of a failed connect in Deno (the OS's wording, Linux, macOS and Windows; rustls's for a certificate) and the
 * code they mean. A refused certificate (`invalid peer certificate: UnknownIssuer`, `Expired`, `NotValidForName` …)
 * has no Node.js code of one name: it becomes `CERT_INVALID`, which `CERTIFICATE_CODE` matches.
 */
const CONNECT_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/certificate/i, "CERT_INVALID"],
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
  for (let current = error; current && typeof current === "object" && !seen.has(current); ) {
    seen.add(current);
    const link = current as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
    const code = link.code;
    if (typeof code === "string" && code !== "ERR_INVALID_STATE") return code;
    const message = link.message;
    const reason = typeof message === "string" && DENO_CONNECT_STEP.exec(message)?.[1];
    const fromMessage = reason && CONNECT_REASONS.find(([pattern]) => pattern.test(reason))?.[1];
    if (fromMessage) return fromMessage;
    const inner = link.errors;
    current = Array.isArray(inner) && inner.length > 0 ? inner[0] : link.cause;
  }
  return undefined;
}

/**
 * Error codes that mean the server had begun to answer: undici's HTTP parser failed on what came back (`HPE_*`,
 * a malformed status line or header), the head grew past its limit (`UND_ERR_HEADERS_OVERFLOW`) or the body
 * broke its framing (`UND_ERR_RES_EXCEEDED_MAX_SIZE`, `UND_ERR_RES_CONTENT_LENGTH_MISMATCH`). The request
 * arrived, so it counts as processed.
 */
const ANSWER_BEGUN_CODE = /^(HPE_|UND_ERR_(HEADERS_OVERFLOW|RES_(EXCEEDED_MAX_SIZE|CONTENT_LENGTH_MISMATCH))$)/;

/**
 * Where a failed `fetch` broke off: before sending (`connect`), possibly after (`request`), or after the
 * server had begun to answer (`response`).
 */
export function fetchFailurePhase(code: string | undefined): ConnectionPhase {
  if (code === undefined) return "request";
  if (NOT_SENT_CODE.test(code) || CERTIFICATE_CODE.test(code)) return "connect";
  return ANSWER_BEGUN_CODE.test(code) ? "response" : "request";
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
