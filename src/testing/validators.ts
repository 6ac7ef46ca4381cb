import type { ShapeIssue } from "../core/check-shape.js";
import type { OperationId } from "../core/operation-types.js";
import { issuesFromSchemaErrors, type Issue } from "./issues.js";
import { requestIssues, responseIssues, schemaIssues, type ShapeName } from "./operation-table.js";

/** A generated response check, with its failures as issues. */
export interface RecordCheck {
  (value: unknown): boolean;
  /** The failures of the last check, under `prefix`. */
  issues(prefix: readonly (string | number)[]): Issue[];
}

function recordCheck(find: (value: unknown) => ShapeIssue[]): RecordCheck {
  let last: ShapeIssue[] = [];
  const check = (value: unknown) => (last = find(value)).length === 0;
  return Object.assign(check, {
    issues: (prefix: readonly (string | number)[]) => issuesFromSchemaErrors(last.map((i) => ({ instancePath: i.path, message: i.message })), prefix),
  });
}

/** The check of an operation's 200 body: its shape from the spec, as the client checks it. */
export function responseCheck(id: OperationId): RecordCheck {
  return recordCheck((value) => responseIssues(id, value));
}

/**
 * The check of an operation's request entity (inside its envelope), e.g. `ChatroomParticipantPayload`'s, in
 * which every field is optional; a body-less operation's accepts nothing.
 */
export function requestCheck(id: OperationId): RecordCheck {
  return recordCheck((value) => requestIssues(id, value));
}

/** The check of one object of the schema `name` (e.g. a collection's records in full form), as the client checks it. */
export function schemaCheck(name: ShapeName): RecordCheck {
  return recordCheck((value) => schemaIssues(name, value));
}
