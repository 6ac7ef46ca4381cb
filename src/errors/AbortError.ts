import { IwErpError } from "./IwErpError.js";

/** Thrown when the caller's `AbortSignal` aborted the call. */
export class AbortError extends IwErpError {
  override name = "AbortError";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(details: { method: string; url: string; attempts: number }) {
    super(`${details.method} ${details.url} was aborted by the caller's signal (attempt ${details.attempts}).`);
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
  }
}
