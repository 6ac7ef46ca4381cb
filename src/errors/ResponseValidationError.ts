import { afterAttempts, IwErpError } from "./IwErpError.js";

/** One way a response breaks the spec: a JSON pointer into the body and what is wrong there. */
export interface SchemaIssue {
  /** JSON pointer into the response body, e.g. `/items/0/id`; `""` is the body itself. */
  path: string;
  /** What is wrong, e.g. `must be integer`. */
  message: string;
}

/**
 * Thrown (with `validateResponses: "throw"`) when a response body does not match the spec's schema.
 * The server did answer with success: for a create, the record exists. `data` holds what came back,
 * with secrets redacted. After more than one attempt the message says how many (`returned 200 after 3 attempts`).
 */
export class ResponseValidationError extends IwErpError {
  override name = "ResponseValidationError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly status: number;
  declare readonly issues: SchemaIssue[];
  declare readonly data: unknown;
  /** How many attempts were made, this one included. */
  declare readonly attempts: number;

  constructor(details: { method: string; url: string; status: number; issues: SchemaIssue[]; data: unknown; attempts: number }) {
    const list = details.issues.map((issue) => `  ${issue.path || "/"}: ${issue.message}`).join("\n");
    super(
      `${details.method} ${details.url} returned ${details.status}${afterAttempts(details.attempts)} with a body that does not match the spec:\n${list}`,
      // Every detail becomes a field of the same name (method, url, status, issues, data, attempts).
      details,
    );
  }
}
