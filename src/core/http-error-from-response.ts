import { afterAttempts } from "../errors/IwErpError.js";
import { HttpError, type HttpErrorDetails } from "../errors/HttpError.js";
import {
  AuthenticationError,
  ConflictError,
  NotFoundAfterRetryError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
} from "../errors/http-errors.js";
import { textSnippet } from "./text-snippet.js";

const FIX = "Fix the request as the server says.";
/** The hint of a 429 or 5xx; with a `Retry-After` it names the wait instead. */
const LATER = "Try again later.";

/** What to do after a 401, by the credential the client sends: an API key, or a session token (also for the login). */
export const NEW_KEY = "Create a new API key in the iwERP user settings and pass it as `apiKey`.";
const LOG_IN = "Log in again (`login()`) and pass the new `session.sessionid` as `sessionToken`.";

/** The `HttpError` subclass for each status the API uses, and what to do about it (appended to the message). */
const BY_STATUS: Partial<Record<number, readonly [typeof HttpError, string]>> = {
  400: [RequestValidationError, FIX],
  401: [AuthenticationError, LOG_IN],
  403: [PermissionDeniedError, "Use a session or API key with the access right."],
  404: [NotFoundError, "Check the host and the ids."],
  409: [ConflictError, "The record may exist already; fetch it instead."],
  422: [RequestValidationError, FIX],
  429: [RateLimitError, LATER],
};

/**
 * A value the server sent as text, whatever it is (`""` for `undefined`): a hostile body may hold objects whose
 * `toString` throws.
 */
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/**
 * What the body says went wrong: problem-details `detail`/`title`, a `validation` list (Prism), or a
 * snippet. The body is parsed JSON from the server, so nothing in it is trusted to have any shape.
 */
function describeBody(body: unknown): string | undefined {
  const parts: string[] = [];
  if (body !== null && typeof body === "object") {
    const record = body as Record<string, unknown>;
    const summary = [record.title, record.detail, record.message].filter((v) => typeof v === "string");
    if (summary.length > 0) parts.push(summary.join(": "));
    if (Array.isArray(record.validation)) {
      for (const item of record.validation.slice(0, 20) as unknown[]) {
        if (item === null || typeof item !== "object") continue;
        const { location, message } = item as Record<string, unknown>;
        const where = Array.isArray(location) ? location.map(asText).join(".") : "";
        const said = `${where} ${asText(message)}`.trim();
        if (said) parts.push(said);
      }
    }
  } else if (!body || typeof body !== "string") {
    // No body, or a bare JSON number, boolean or null: nothing worth quoting.
    return undefined;
  }
  return parts.length > 0 ? textSnippet(parts.join("; ")) : `body: ${textSnippet(asText(body))}`;
}

/** A 404 to a DELETE repeated after an attempt that may have been processed. */
const DELETED: readonly [typeof HttpError, string] = [
  NotFoundAfterRetryError,
  "An earlier attempt most likely deleted the record: treat it as deleted.",
];

/**
 * The status a failed answer stands for: the iwERP code of a soft error (`X-IW-ERROR-CODE` holding an HTTP error
 * code, 400–599, e.g. `401` on a 400: most errors come so), else the HTTP status. Classes and retries follow it.
 */
export function effectiveStatus({ status, code }: Pick<HttpErrorDetails, "status" | "code">): number {
  return code && /^[45]\d\d$/.test(code) ? +code : status;
}

/**
 * Builds the error for a non-2xx response (the one place statuses turn into classes), classified by its
 * `effectiveStatus`. `details` must be redacted already; the message says the method, URL, status (and the
 * iwERP code of a soft error), after how many attempts (when there were more than one), what the server said and
 * what to do (after a 429 or 5xx with `Retry-After`: the wait, in seconds).
 *
 * @param deleteRepeated whether the request is a DELETE repeated after an attempt that may have been processed
 *   (see `ambiguous`): a 404 to it is a `NotFoundAfterRetryError`.
 * @param apiKey whether the client sends an API key (not a session token): a 401's hint says to create a new one.
 */
export function httpErrorFromResponse(details: HttpErrorDetails, statusText: string, deleteRepeated = false, apiKey = false): HttpError {
  const status = effectiveStatus(details);
  const [ErrorClass, hint] =
    (deleteRepeated && status === 404 ? DELETED : status === 401 && apiKey ? [AuthenticationError, NEW_KEY] : BY_STATUS[status]) ??
    (status >= 500
      ? [ServerError, LATER]
      : // A 3xx, or a browser's opaque redirect (status 0: fetch with `redirect: "manual"` shows it no more).
        status < 400
        ? [HttpError, `Redirects are not followed; if you trust ${details.headers.location ?? "the new address"}, pass it as \`host\`/\`baseUrl\`.`]
        : [HttpError, ""]);
  // Cut as a body is: a browser or a caller's fetch passes on a header of any length; `messages` keeps them whole.
  const said = details.messages.length > 0 ? textSnippet(details.messages.join("; ")) : describeBody(details.body);
  const { code, attempts, retryAfterMs } = details;
  // A soft error names its code once, beside the status, instead of the status text ("Bad Request" would
  // mislead); any other code the server sent is kept as a note.
  const after =
    status !== details.status ? ` (iwERP code ${code})` : `${statusText && ` ${statusText}`}${code && code !== String(status) ? ` [iwERP error ${code}]` : ""}`;
  // The wait the server asked for, in whole seconds, rounded up: trying sooner would be refused again.
  const wait = hint === LATER && retryAfterMs !== undefined ? `Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : hint;
  const message =
    `${details.method} ${details.url} failed with ${details.status}${after}${afterAttempts(attempts)}` +
    `${said ? `: ${said}` : ""}.${wait && ` ${wait}`}`;
  return new ErrorClass(details, message);
}
