import type { Logger, ResponseValidationMode } from "../client-options.js";
import { ResponseValidationError } from "../errors/ResponseValidationError.js";
import type { ShapeIssue } from "./check-shape.js";
import type { Redactor } from "./redactor.js";

/** Where a checked body came from, for the error or the log line. */
export interface CheckContext {
  method: string;
  url: string;
  status: number;
  attempts: number;
  redactor: Redactor;
}

/**
 * Decides whether a 2xx body goes to the caller as the spec's type `T`: `"off"` hands it over unchecked,
 * `"warn"` checks it and logs each failing path but hands it over, `"throw"` hands over only a body that
 * passes. `issuesOf` is the operation's response check (its shape from the spec). A body that `"throw"`
 * refuses leaves its `ResponseValidationError` in `refused.error`.
 */
export function acceptResponse<T>(
  issuesOf: (value: unknown) => ShapeIssue[],
  data: unknown,
  mode: ResponseValidationMode,
  context: CheckContext,
  logger: Logger,
  refused: { error?: ResponseValidationError },
): data is T {
  if (mode === "off") return true;
  const found = issuesOf(data);
  if (found.length === 0) return true;
  const { redactor, ...where } = context;
  const issues = found.map((issue) => ({ path: redactor.text(issue.path), message: redactor.text(issue.message) }));
  const error = new ResponseValidationError({ ...where, issues, data: redactor.value(data) });
  if (mode === "throw") {
    refused.error = error;
    return false;
  }
  logger.warn(`iwerp-chat: ${error.message}`);
  return true;
}
