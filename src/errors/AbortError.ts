import { IwErpError } from "./IwErpError.js";

/**
 * Thrown when the caller's `AbortSignal` aborted the call. `attempts` is 0 when the signal had aborted
 * before the call, so nothing was sent; otherwise an aborted attempt may have reached the server.
 */
export class AbortError extends IwErpError {
  override name = "AbortError";
  declare readonly method: string;
  declare readonly url: string;
  /** How many attempts were started; 0 when nothing was sent. */
  declare readonly attempts: number;

  constructor(details: { method: string; url: string; attempts: number }) {
    const when = details.attempts === 0 ? "before it was sent" : `(attempt ${details.attempts})`;
    // Every detail becomes a field of the same name (method, url, attempts).
    super(`${details.method} ${details.url} was aborted by the caller's signal ${when}.`, details);
  }
}
