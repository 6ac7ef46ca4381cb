import { IwErpError } from "./IwErpError.js";

/** What the client knows of a failed response; the body and headers are already redacted. */
export interface HttpErrorDetails {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The URL called, with its query. */
  url: string;
  /** The HTTP status code (of a soft error: 400; its class follows `code`). */
  status: number;
  /**
   * The iwERP error code from the `X-IW-ERROR-CODE` header, if the server sent one. When it is an HTTP error code
   * (400–599) it is the real code of a "soft" error and decides the error's class and retries.
   */
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
 * iwERP API uses, chosen by the iwERP code of a soft error (`X-IW-ERROR-CODE`, e.g. 401 on a 400) where the
 * server sent one, else by the status; other statuses throw this class itself.
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
    // Every detail becomes a field of the same name (method, url, status, code, messages, body, headers, attempts, retryAfterMs).
    super(message, details);
  }
}
