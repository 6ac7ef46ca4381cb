import { HttpError, type HttpErrorDetails } from "../errors/HttpError.js";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
} from "../errors/http-errors.js";
import { textSnippet } from "./text-snippet.js";

/** What to do about each status family, appended to the message (keyed by class, not by a name a minifier may change). */
const HINTS = new Map<typeof HttpError, string>([
  [AuthenticationError, "Log in again and pass the new session id as `sessionToken`."],
  [PermissionDeniedError, "The session lacks the access right; log in as a user who has it, or ask an administrator."],
  [NotFoundError, "Check the host and the ids in the request."],
  [ConflictError, "The record may exist already; fetch it instead of adding it again."],
  [RequestValidationError, "Fix the request body as the server says."],
  [RateLimitError, "Slow down; try again after `retryAfterMs`."],
  [ServerError, "The server or a proxy in front of it failed; try again later."],
]);

/** The `HttpError` subclass for a status, as a constructor. */
function classFor(status: number): typeof HttpError {
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 400 || status === 422) return RequestValidationError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return HttpError;
}

/** A value the server sent as text, whatever it is: a hostile body may hold objects whose `toString` throws. */
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
  if (typeof body === "string") return body ? `body: ${textSnippet(body)}` : undefined;
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  const summary = [record.title, record.detail, record.message].filter((v): v is string => typeof v === "string");
  if (summary.length > 0) parts.push(summary.join(": "));
  if (Array.isArray(record.validation)) {
    for (const item of record.validation.slice(0, 20) as unknown[]) {
      if (item === null || typeof item !== "object") continue;
      const { location, message } = item as Record<string, unknown>;
      const where = Array.isArray(location) ? location.map(asText).join(".") : "";
      const said = `${where} ${message === undefined ? "" : asText(message)}`.trim();
      if (said) parts.push(said);
    }
  }
  return parts.length > 0 ? textSnippet(parts.join("; ")) : `body: ${textSnippet(asText(body))}`;
}

/**
 * Builds the error for a non-2xx response (the one place statuses turn into classes). `details` must be
 * redacted already; the message says the method, URL, status, what the server said and what to do.
 */
export function httpErrorFromResponse(details: HttpErrorDetails, statusText: string): HttpError {
  const ErrorClass = classFor(details.status);
  const said = details.messages.length > 0 ? details.messages.join("; ") : describeBody(details.body);
  const code = details.code && details.code !== String(details.status) ? ` [iwERP error ${details.code}]` : "";
  const hint =
    details.status >= 300 && details.status < 400
      ? `The client does not follow redirects, so the session token goes nowhere else; if you trust ${details.headers.location ?? "the new address"}, pass it as \`host\`/\`baseUrl\`.`
      : (HINTS.get(ErrorClass) ?? "");
  const message =
    `${details.method} ${details.url} failed with ${details.status}${statusText ? ` ${statusText}` : ""}${code}` +
    `${said ? `: ${said}` : ""}.${hint ? ` ${hint}` : ""}`;
  return new ErrorClass(details, message);
}
