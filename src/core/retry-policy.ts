import { ConnectionError } from "../errors/ConnectionError.js";
import { HttpError } from "../errors/HttpError.js";
import { TimeoutError } from "../errors/TimeoutError.js";
import type { RetryPolicy } from "./resolve-options.js";

/** Statuses that say the server did not process the request. */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/** Statuses after which the request may or may not have been processed (a proxy may have given up). */
const AMBIGUOUS_STATUSES = new Set([500, 502, 504]);

/**
 * How long to wait before attempt `attempt + 1`, or `undefined` when `error` must not be retried.
 * A create is repeated only when it certainly was not processed (connection refused or name not
 * resolved; 429 or 503), unless `retryAmbiguous` is set, which adds the failures after which it may have
 * been: a per-attempt timeout or a broken connection before any answer, and 500/502/504. A failure once
 * a response began to arrive (a body that breaks off, stalls or is not JSON) is never retried.
 * The wait doubles per attempt from `initialDelayMs`, capped at `maxDelayMs`, with jitter (50–100 %);
 * a `Retry-After` is waited for exactly, or not at all when it exceeds `maxDelayMs`.
 */
export function retryDelay(error: Error, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1)) * (0.5 + random() * 0.5);
  if (error instanceof HttpError) {
    const retryable = NOT_PROCESSED_STATUSES.has(error.status) || (policy.retryAmbiguous && AMBIGUOUS_STATUSES.has(error.status));
    if (!retryable) return undefined;
    if (error.retryAfterMs === undefined) return Math.round(backoff);
    // The server said when; waiting less would be ignored, waiting longer than the cap stalls the caller.
    return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : undefined;
  }
  if (error instanceof ConnectionError) {
    if (error.phase === "connect" || (policy.retryAmbiguous && error.phase === "request")) return Math.round(backoff);
    return undefined;
  }
  // A timeout after the status line came is not ambiguous: the server processed the request.
  if (error instanceof TimeoutError && error.limit === "attempt" && error.responseStatus === undefined && policy.retryAmbiguous) {
    return Math.round(backoff);
  }
  return undefined;
}
