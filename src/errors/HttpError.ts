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
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly messages: string[];
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;

  constructor(details: HttpErrorDetails, message: string) {
    super(message);
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.code = details.code;
    this.messages = details.messages;
    this.body = details.body;
    this.headers = details.headers;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
  }
}
