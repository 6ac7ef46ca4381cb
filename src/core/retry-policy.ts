import { ConnectionError } from "../errors/ConnectionError.js";
import { HttpError } from "../errors/HttpError.js";
import { TimeoutError } from "../errors/TimeoutError.js";
import type { RetryPolicy } from "./resolve-options.js";

/** Statuses that say the server did not process the request. */
const NOT_PROCESSED_STATUSES = [429, 503];
/** Statuses after which the request may or may not have been processed (a proxy may have given up). */
const AMBIGUOUS_STATUSES = [500, 502, 504];

/**
 * How long to wait before attempt `attempt + 1`, or `undefined` when `error` must not be retried.
 *
 * An idempotent request (GET, PUT, DELETE) is repeated after any failure that left no answer (a refused or
 * reset connection, an attempt timeout before the status line) and after 429/500/502/503/504. A
 * non-idempotent one (a POST that creates a record) is repeated only when it certainly was not processed
 * (connection refused or name not resolved; 429 or 503), unless `retryAmbiguous` is set, which adds the
 * failures after which it may have been. A failure once a response began to arrive (a body that breaks off,
 * stalls or is not JSON) is never retried.
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
  const repeatAmbiguous = idempotent || policy.retryAmbiguous;
  const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1)) * (0.5 + random() * 0.5);
  if (error instanceof HttpError) {
    const retryable = NOT_PROCESSED_STATUSES.includes(error.status) || (repeatAmbiguous && AMBIGUOUS_STATUSES.includes(error.status));
    if (!retryable) return undefined;
    if (error.retryAfterMs === undefined) return Math.round(backoff);
    // The server said when; waiting less would be ignored, waiting longer than the cap stalls the caller.
    return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : undefined;
  }
  if (error instanceof ConnectionError) {
    if (error.phase === "connect" || (repeatAmbiguous && error.phase === "request")) return Math.round(backoff);
    return undefined;
  }
  // A timeout after the status line came is not ambiguous: the server processed the request.
  if (error instanceof TimeoutError && error.limit === "attempt" && error.responseStatus === undefined && repeatAmbiguous) {
    return Math.round(backoff);
  }
  return undefined;
}
