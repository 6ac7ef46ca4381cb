import { OPERATIONS, REQUEST_CHECKS } from "../../generated/operations.js";
import { shapeIssues, type ShapeIssue } from "../core/check-shape.js";
import type { OperationId } from "../core/operation-types.js";
import type { CollectionName } from "./collections.js";
import { issuesFromSchemaErrors, type Issue } from "./issues.js";
import { routeOf } from "./routes.js";

/** A generated response check of one operation, with its failures as issues. */
export interface RecordCheck {
  (value: unknown): boolean;
  /** The failures of the last check, under `prefix`. */
  issues(prefix: readonly (string | number)[]): Issue[];
}

/** The check of an operation's 200 body: its generated check, as the client runs it. */
export function responseCheck(id: OperationId): RecordCheck {
  return recordCheck(OPERATIONS[id].check);
}

/**
 * The check of an operation's request entity (inside its envelope), e.g. `ChatroomParticipantPayload`'s, in
 * which every field is optional; a body-less operation's accepts nothing.
 */
export function requestCheck(id: OperationId): RecordCheck {
  return recordCheck(REQUEST_CHECKS[id] ?? ((value: unknown) => value === undefined));
}

/** A generated check with its failures as issues. */
function recordCheck(generated: (typeof OPERATIONS)[OperationId]["check"]): RecordCheck {
  let last: ShapeIssue[] = [];
  const check = (value: unknown) => (last = shapeIssues(generated, value)).length === 0;
  return Object.assign(check, {
    issues: (prefix: readonly (string | number)[]) => issuesFromSchemaErrors(last.map((i) => ({ instancePath: i.path, message: i.message })), prefix),
  });
}

/**
 * The check of one record of `collection` in its full form: the 200 check of the first operation that
 * answers with a single record in that form (e.g. `get_chatroom_get` for chat rooms).
 */
export function validatorOf(collection: CollectionName, view: "full" | "portal"): RecordCheck {
  for (const id of Object.keys(OPERATIONS) as OperationId[]) {
    const route = routeOf(id);
    if (route.type === "collection" && route.collection === collection && route.view === view) return responseCheck(id);
  }
  throw new Error(`the spec has no operation that returns a ${view} ${collection}`);
}
