import { IwErpError } from "./IwErpError.js";

/**
 * Thrown when a time limit passed: `attempt` is the per-attempt `timeoutMs`, `deadline` the overall
 * `deadlineMs` across retries. A timed-out create may still have been processed by the server.
 */
export class TimeoutError extends IwErpError {
  override name = "TimeoutError";
  readonly method: string;
  readonly url: string;
  readonly limit: "attempt" | "deadline";
  readonly timeoutMs: number;
  readonly attempts: number;

  constructor(details: { method: string; url: string; limit: "attempt" | "deadline"; timeoutMs: number; attempts: number }) {
    const what = details.limit === "attempt" ? "the per-attempt timeout" : "the overall deadline";
    super(
      `${details.method} ${details.url} did not complete within ${what} of ${details.timeoutMs} ms ` +
        `(attempt ${details.attempts}). Raise \`${details.limit === "attempt" ? "timeoutMs" : "deadlineMs"}\` if the server is slow.`,
    );
    this.method = details.method;
    this.url = details.url;
    this.limit = details.limit;
    this.timeoutMs = details.timeoutMs;
    this.attempts = details.attempts;
  }
}
