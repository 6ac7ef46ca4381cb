import type { ResponseCheck } from "../../generated/operations.js";
import type { Logger, ResponseValidationMode } from "../client-options.js";
import { ResponseValidationError, type SchemaIssue } from "../errors/ResponseValidationError.js";
import type { Redactor } from "./redactor.js";

export type { ResponseCheck };

/** The failures of the last check, one per JSON path. */
export function schemaIssues(check: ResponseCheck<unknown>): SchemaIssue[] {
  return (check.errors ?? []).map((error) => {
    const extra =
      error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string"
        ? ` (${error.params.additionalProperty})`
        : "";
    return { path: error.instancePath, message: `${error.message ?? error.keyword}${extra}` };
  });
}

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
 * passes. A body that `"throw"` refuses leaves its `ResponseValidationError` in `refused.error`.
 */
export function acceptResponse<T>(
  check: ResponseCheck<T>,
  data: unknown,
  mode: ResponseValidationMode,
  context: CheckContext,
  logger: Logger,
  refused: { error?: ResponseValidationError },
): data is T {
  if (mode === "off" || check(data)) return true;
  const { redactor, ...where } = context;
  const issues = schemaIssues(check).map((issue) => ({ path: redactor.text(issue.path), message: redactor.text(issue.message) }));
  const error = new ResponseValidationError({ ...where, issues, data: redactor.value(data) });
  if (mode === "throw") {
    refused.error = error;
    return false;
  }
  logger.warn(`iwerp-chat: ${error.message}`);
  return true;
}
