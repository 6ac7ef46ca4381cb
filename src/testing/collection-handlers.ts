import type { OperationId } from "../core/operation-types.js";
import { COLLECTIONS, type Collection, type CollectionName } from "./collections.js";
import { listRecords } from "./list-query.js";
import { operationFacts } from "./operation-table.js";
import { IDS_RUN_OUT, type Records, type StoredRecord } from "./records.js";
import { failure, invalid, type Reply } from "./replies.js";
import type { Route } from "./routes.js";

/** One routed call of a collection operation. */
export interface CollectionCall {
  readonly id: OperationId;
  readonly route: Extract<Route, { type: "collection" }>;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The entity of the body (already checked against the spec), for operations that take one. */
  readonly entity: Record<string, unknown> | undefined;
}

/** Where a write's entity is in the request, for the paths of its issues. */
const AT_BODY = ["body", "data"] as const;

function notFound(collection: Collection, id: string): Reply {
  return failure(404, [`${collection.schema} ${id} not found`]);
}

/**
 * Serves a call on a collection by its kind: `list` (see `listRecords`), `get`, `create` (ids and
 * `created`/`updated` assigned; a parent named in the path must exist, else 404; 507 when the ids have run
 * out), `update` (the body's fields merged over the record, `updated` set), `delete` (marks the record
 * `deleted: true` and returns it; it stays readable by id and in lists with `deleted=true`; deleting it again
 * returns it unchanged). A write whose record lacks a field the spec says it needs (`x-iwerp-required`), or
 * whose references name no record (`x-iwerp-references`), is answered 422. Every answer is in the operation's
 * form (`route.shape`).
 */
export function serveCollection(records: Records, call: CollectionCall, now: () => string): Reply {
  const { id, route, params, query } = call;
  const name: CollectionName = route.collection;
  const collection: Collection = COLLECTIONS[name];
  const render = (record: StoredRecord): Reply => ({ status: 200, body: records.render(name, record, route.shape) });
  if (route.kind === "list") {
    const { paging } = operationFacts(id);
    if (paging === null) return failure(501, [`the fake tenant cannot page ${id}: the spec gives it no paging`]);
    return listRecords(records, name, route, paging, query);
  }
  if (route.kind === "create") {
    const fields = records.writable(name, call.entity ?? {}, route.shape);
    for (const [param, parent] of Object.entries(route.parents)) {
      const value = params[param] ?? "";
      const found = records.find(parent.collection, value);
      if (found === undefined) return notFound(COLLECTIONS[parent.collection], value);
      fields[parent.field] = { id: found.id };
    }
    const issues = records.linkReferences(name, fields, AT_BODY);
    if (issues.length > 0) return invalid(issues);
    const id = records.nextId(name);
    if (id === undefined) return failure(507, [`the fake tenant has no id left for a new ${collection.schema}: ${IDS_RUN_OUT}; use a smaller firstId`]);
    const time = now();
    const record: StoredRecord = { ...fields, id, created: time, updated: time, deleted: fields.deleted ?? false };
    records.put(name, record);
    return render(record);
  }
  const identifier = params.identifier ?? "";
  const found = records.find(name, identifier);
  if (found === undefined) return notFound(collection, identifier);
  if (route.kind === "get") return render(found);
  if (route.kind === "delete") {
    if (found.deleted === true) return render(found);
    const record = { ...found, deleted: true, updated: now() };
    records.put(name, record);
    return render(record);
  }
  const merged: Record<string, unknown> = { ...found, ...records.writable(name, call.entity ?? {}, route.shape) };
  const issues = records.linkReferences(name, merged, AT_BODY);
  if (issues.length > 0) return invalid(issues);
  const record = { ...merged, id: found.id, updated: now() };
  records.put(name, record);
  return render(record);
}
