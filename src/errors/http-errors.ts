import { HttpError } from "./HttpError.js";

/**
 * 401 or 403: the session or API key is missing, invalid, expired, or not allowed to do this. Log in again
 * (`login()`), create a new API key, or ask for the access right. Like every subclass of `HttpError`, chosen by
 * the iwERP code of a soft error (e.g. 400 with `X-IW-ERROR-CODE: 401`) as by the status.
 */
export class SessionError extends HttpError {
  override name = "SessionError";
}

/** 401 (or a soft error with code 401): the session token or API key is missing, invalid, expired or revoked. */
export class AuthenticationError extends SessionError {
  override name = "AuthenticationError";
}

/** 403 (or a soft error with code 403): the session or API key may not do this. */
export class PermissionDeniedError extends SessionError {
  override name = "PermissionDeniedError";
}

/** 404: the thing addressed does not exist (or the tenant has no such endpoint). */
export class NotFoundError extends HttpError {
  override name = "NotFoundError";
}

/**
 * 404 to a DELETE repeated after an attempt whose outcome is unknown (its connection broke before an answer, it
 * timed out, or it got a 500/502/504): the record is gone, most likely deleted by that attempt, whose answer (the
 * deleted record) was lost. Treat it as deleted; the client cannot tell it from a record that never existed.
 * A `NotFoundError`, so code that catches those catches it too.
 */
export class NotFoundAfterRetryError extends NotFoundError {
  override name = "NotFoundAfterRetryError";
}

/** 409: the request conflicts with the current state, e.g. the record exists already. */
export class ConflictError extends HttpError {
  override name = "ConflictError";
}

/** 400 or 422: the server rejected the request's content; `messages` and `body` say what was wrong. */
export class RequestValidationError extends HttpError {
  override name = "RequestValidationError";
}

/** 429: too many requests; `retryAfterMs` says when to try again, if the server said so. */
export class RateLimitError extends HttpError {
  override name = "RateLimitError";
}

/** 5xx: the server (or a proxy in front of it) failed. */
export class ServerError extends HttpError {
  override name = "ServerError";
}
