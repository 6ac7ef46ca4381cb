import { networkErrorCode } from "./network-failure.js";

/**
 * How runtimes word a network failure that carries no error code: Chromium's "Failed to fetch", Firefox's
 * "NetworkError when attempting to fetch resource.", Safari's "Load failed", undici's "fetch failed",
 * Deno's "error sending request …" (and any mention of a network, connection, socket or timeout). After any
 * of these the request may have left.
 */
const NETWORK_FAILURE = /fetch failed|failed to fetch|load failed|network|sending request|connect|socket|timed? ?out/i;

/**
 * True when `fetch` itself threw a `TypeError` that is no network failure (e.g. "Illegal invocation" when
 * a browser's fetch is called as a method of another object): then no byte left, and the failure must not
 * read as "may have been processed".
 */
export function rejectedBeforeSending(error: unknown): boolean {
  if (!(error instanceof TypeError) || error.cause !== undefined) return false;
  if (networkErrorCode(error) !== undefined) return false;
  return !NETWORK_FAILURE.test(error.message);
}
