import type { SchemaValidator } from "../../generated/validators.js";
import type { ResponseValidationMode, Logger } from "../client-options.js";
import { ResponseValidationError, type SchemaIssue } from "../errors/ResponseValidationError.js";
import type { Redactor } from "./redactor.js";

/** A response schema check compiled ahead of time into `generated/validators.js`. */
export type ResponseSchemaCheck = SchemaValidator;

/** The failures of the last check, one per JSON path. */
export function schemaIssues(check: ResponseSchemaCheck): SchemaIssue[] {
  return (check.errors ?? []).map((error) => {
    const extra =
      error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string"
        ? ` (${error.params.additionalProperty})`
        : "";
    return { path: error.instancePath, message: `${error.message ?? error.keyword}${extra}` };
  });
}

/**
 * Checks a 2xx body against the spec as `mode` says: `"off"` skips, `"warn"` logs each failing path and
 * lets the data through, `"throw"` returns a `ResponseValidationError` for the caller to throw.
 */
export function checkResponse(
  check: ResponseSchemaCheck,
  data: unknown,
  mode: ResponseValidationMode,
  context: { method: string; url: string; status: number; attempts: number; redactor: Redactor },
  logger: Logger,
): ResponseValidationError | undefined {
  if (mode === "off" || check(data)) return undefined;
  const { redactor, ...where } = context;
  const issues = schemaIssues(check).map((issue) => ({ path: redactor.text(issue.path), message: redactor.text(issue.message) }));
  const error = new ResponseValidationError({ ...where, issues, data: redactor.value(data) });
  if (mode === "throw") return error;
  logger.warn(`iwerp-chat: ${error.message}`);
  return undefined;
}
