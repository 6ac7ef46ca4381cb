import { ConnectionError } from "../errors/ConnectionError.js";
import { HttpError } from "../errors/HttpError.js";
import { TimeoutError } from "../errors/TimeoutError.js";
import { effectiveStatus } from "./http-error-from-response.js";
import { CERTIFICATE_CODE } from "./network-failure.js";
import type { RetryPolicy } from "./resolve-options.js";

/** Statuses that say the server did not process the request. */
const NOT_PROCESSED_STATUSES = [429, 503];
/** Statuses after which the request may or may not have been processed (a proxy may have given up). */
const AMBIGUOUS_STATUSES = [500, 502, 504];

/**
 * Whether the server may or may not have processed a request that failed with `error`: a connection broken
 * before any answer, an attempt timeout before the status line, or a 500/502/504 (a proxy may have given up;
 * a soft error's code counts, see `effectiveStatus`).
 * A timeout once the status line came is not among them: the server processed the request.
 */
export function ambiguous(error: Error): boolean {
  if (error instanceof HttpError) return AMBIGUOUS_STATUSES.includes(effectiveStatus(error));
  if (error instanceof ConnectionError) return error.phase === "request";
  return error instanceof TimeoutError && error.limit === "attempt" && error.responseStatus === undefined;
}

/**
 * How long to wait before attempt `attempt + 1`, or `undefined` when `error` must not be retried.
 *
 * An idempotent request (GET, PUT, DELETE) is repeated after a failure that certainly was not processed
 * (a refused connection or failed lookup, not a refused certificate, which a repetition meets again; 429 or 503, also
 * as a soft error's code) and after an `ambiguous` one. A non-idempotent one
 * (a POST that creates a record, or `create_jwt`, a GET that mints a token) only after the first kind, unless `retryAmbiguous` is set. A failure once a
 * response began to arrive (a body that breaks off, stalls or is not JSON) is never retried.
 * The wait doubles per attempt from `initialDelayMs`, capped at `maxDelayMs`, with jitter (50–100 %);
 * a `Retry-After` is waited for exactly, or not at all when it exceeds `maxDelayMs`.
 */
export function retryDelay(
  error: Error,
  attempt: number,
  policy: RetryPolicy,
  idempotent: boolean,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const notProcessed = error instanceof HttpError ? NOT_PROCESSED_STATUSES.includes(effectiveStatus(error)) : error instanceof ConnectionError && error.phase === "connect" && !CERTIFICATE_CODE.test(error.errorCode!);
  if (!notProcessed && !((idempotent || policy.retryAmbiguous) && ambiguous(error))) return undefined;
  // Only an HttpError carries one.
  const { retryAfterMs } = error as Partial<HttpError>;
  // The server said when; waiting less would be ignored, waiting longer than the cap stalls the caller.
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxDelayMs ? retryAfterMs : undefined;
  return Math.round(Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1)) * (0.5 + random() * 0.5));
}
