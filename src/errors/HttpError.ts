import { IwErpError } from "./IwErpError.js";

/** What the client knows of a failed response; the body and headers are already redacted. */
export interface HttpErrorDetails {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The URL called, with its query. */
  url: string;
  /** The HTTP status code. */
  status: number;
  /** The iwERP error code from the `X-IW-ERROR-CODE` header, if the server sent one. */
  code: string | undefined;
  /** The error messages from the `X-IW-ERROR-JSON` header (a JSON array of strings), else `[]`. */
  messages: string[];
  /** The response body: parsed JSON, a truncated text snippet, or `undefined` when empty. */
  body: unknown;
  /** The response headers, names in lower case. */
  headers: Record<string, string>;
  /** How many attempts were made, this one included. */
  attempts: number;
  /** The time to wait before trying again, from a `Retry-After` header, in milliseconds. */
  retryAfterMs?: number | undefined;
}

/**
 * Thrown when the server answers with a status outside 2xx. Subclasses name the status families the
 * iwERP API uses; other statuses throw this class itself.
 */
export class HttpError extends IwErpError {
  override name = "HttpError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly status: number;
  declare readonly code: string | undefined;
  declare readonly messages: string[];
  declare readonly body: unknown;
  declare readonly headers: Record<string, string>;
  declare readonly attempts: number;
  declare readonly retryAfterMs: number | undefined;

  constructor(details: HttpErrorDetails, message: string) {
    super(message);
    // Every detail becomes a field of the same name (method, url, status, code, messages, body, headers, attempts, retryAfterMs).
    Object.assign(this, details);
  }
}
