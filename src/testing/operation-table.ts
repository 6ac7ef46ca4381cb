import * as CHECKS from "../../generated/checks.js";
import { OPERATIONS, REQUEST_CHECKS, SCHEMAS, SECRET_FIELDS, type OperationSpec, type SchemaName } from "../../generated/operations.js";
import { shapeIssues, type Check, type ShapeIssue } from "../core/check-shape.js";
import type { OperationId } from "../core/operation-types.js";

/*
 * The one place the fake tenant reads the client's generated operation table (`generated/operations.js`, and
 * the response checks of `generated/checks.js`): the
 * facts it routes and reads requests by, the response checks and the shapes it renders records in. Everything
 * else of the fake reads these functions, so a change of the table's form is a change of this file.
 */

/** What the fake needs to know of one operation: how it is called. */
export type OperationFacts = Pick<OperationSpec<unknown>, "method" | "path" | "pathParams" | "envelope" | "paging">;

/** How a list pages (the operation table's `paging`). */
export type Paging = NonNullable<OperationSpec<unknown>["paging"]>;

/** The name of a schema the fake renders records in, e.g. `ChatroomParticipantListItem`: any the spec's responses use. */
export type ShapeName = SchemaName;

/** Every operationId of the spec, in its order. */
export const OPERATION_IDS: readonly OperationId[] = Object.keys(OPERATIONS) as OperationId[];

/** Whether `value` is an operationId of the spec. */
export function isOperationId(value: unknown): value is OperationId {
  return typeof value === "string" && Object.hasOwn(OPERATIONS, value);
}

/** How the operation `id` is called. */
export function operationFacts(id: OperationId): OperationFacts {
  return OPERATIONS[id];
}

/** What is wrong with `value` as the 200 body of `id`, by the client's own response check (none when it matches). */
export function responseIssues(id: OperationId, value: unknown): ShapeIssue[] {
  return shapeIssues(OPERATIONS[id].check, value);
}

/** What is wrong with `value` as the request entity of `id` (inside its envelope); a body-less operation accepts none. */
export function requestIssues(id: OperationId, value: unknown): ShapeIssue[] {
  return shapeIssues(REQUEST_CHECKS[id] ?? ((entity: unknown) => entity === undefined), value);
}

/** What is wrong with `value` as an object of the schema `name`, by the client's response checks (none when it matches). */
export function schemaIssues(name: ShapeName, value: unknown): ShapeIssue[] {
  const check = (CHECKS as Record<string, Check | undefined>)[`is${name}`];
  if (check === undefined) throw new Error(`generated/checks.js has no check of the schema ${name}`);
  return shapeIssues(check, value);
}

/** Whether the spec's responses use a schema named `name`, so the fake can render records in it. */
export function isShapeName(name: unknown): name is ShapeName {
  return typeof name === "string" && Object.hasOwn(SCHEMAS, name);
}

/**
 * The fields of the schema `name` in the spec's order, each with the schema of its object(s) when it holds any:
 * `"#ChatroomRef"` or `["#ChatroomRef"]` in the table's shapes.
 */
export function shapeFields(name: ShapeName): ReadonlyArray<readonly [field: string, nested: ShapeName | undefined]> {
  const shape = SCHEMAS[name];
  if (typeof shape !== "object" || Array.isArray(shape)) return [];
  return Object.entries(shape).map(([field, inner]) => {
    const nested = Array.isArray(inner) ? inner[0] : inner;
    const schema = typeof nested === "string" && nested.startsWith("#") ? nested.slice(1) : undefined;
    return [field, isShapeName(schema) ? schema : undefined] as const;
  });
}

/** Names of the fields marked `x-iwerp-secret` anywhere in the spec: the request log redacts their values. */
export const SECRET_FIELD_NAMES: readonly string[] = SECRET_FIELDS;
