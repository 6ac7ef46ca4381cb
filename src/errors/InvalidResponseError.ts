import { afterAttempts, IwErpError } from "./IwErpError.js";

/** What the client knows of a response it cannot use. */
export interface InvalidResponseDetails {
  method: string;
  url: string;
  status: number;
  /** The response's `Content-Type`, if any. */
  contentType: string | undefined;
  /** The start of the body as text, truncated and redacted. */
  snippet: string;
  /** How many attempts were made, this one included. */
  attempts: number;
}

/**
 * Thrown when a response came back but cannot be used: not JSON (e.g. an HTML page from a proxy), broken
 * JSON, empty, or larger than `maxResponseBytes`. A create that fails this way was probably processed.
 * After more than one attempt the message says how many, beside the status (`returned 200 after 3 attempts`).
 */
export class InvalidResponseError extends IwErpError {
  override name = "InvalidResponseError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly status: number;
  declare readonly contentType: string | undefined;
  declare readonly snippet: string;
  declare readonly attempts: number;

  /** `problem` says what is wrong with the answer and what to do; the message starts with the call and its status. */
  constructor(details: InvalidResponseDetails, problem: string) {
    const { method, url, status, attempts } = details;
    // The attempts go beside the status, as an HttpError's do.
    // Every detail becomes a field of the same name (method, url, status, contentType, snippet, attempts).
    super(`${method} ${url} returned ${status}${afterAttempts(attempts)} ${problem}`, details);
  }
}
