import { IwErpError } from "./IwErpError.js";

/**
 * Thrown when a time limit passed: `attempt` is the per-attempt `timeoutMs`, `deadline` the overall
 * `deadlineMs` across retries. A timed-out create may still have been processed by the server; when
 * `responseStatus` is set, the server had answered and the body did not arrive in time, so it was.
 */
export class TimeoutError extends IwErpError {
  override name = "TimeoutError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly limit: "attempt" | "deadline";
  declare readonly timeoutMs: number;
  /** The status of a response whose body was still arriving when the limit passed; `undefined` if none had come. */
  declare readonly responseStatus: number | undefined;
  declare readonly attempts: number;

  constructor(details: {
    method: string;
    url: string;
    limit: "attempt" | "deadline";
    timeoutMs: number;
    responseStatus?: number | undefined;
    attempts: number;
  }) {
    const reading = details.responseStatus === undefined ? "" : ` while reading the body of the ${details.responseStatus} response`;
    super(
      `${details.method} ${details.url} exceeded \`${details.limit === "attempt" ? "timeoutMs" : "deadlineMs"}\` (${details.timeoutMs} ms)` +
        `${reading} on attempt ${details.attempts}; raise it if the server is slow.`,
      // Every detail becomes a field of the same name (method, url, limit, timeoutMs, responseStatus, attempts).
      details,
    );
  }
}
