import type { CollectionName } from "./collections.js";
import type { Paging } from "./operation-table.js";
import { referencedId, type Records, type StoredRecord } from "./records.js";
import type { Reply } from "./replies.js";
import type { Route } from "./routes.js";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** The paging, order and `deleted` filter of a list request, read from its query. */
interface ListQuery {
  page: number;
  pageSize: number;
  deleted: boolean;
  search: string;
  orderField: string;
  descending: boolean;
}

/** Reads a query whose values `queryIssues` has checked already. */
function readQuery(query: URLSearchParams, paging: Paging): ListQuery {
  const integer = (name: string, fallback: number): number => {
    const text = query.get(name);
    return text === null ? fallback : Number(text);
  };
  return {
    page: integer(paging.page, paging.firstPage),
    pageSize: integer(paging.pageSize, paging.defaultPageSize),
    deleted: query.get("deleted") === "true",
    search: (query.get("searchString") ?? "").toLowerCase(),
    orderField: query.get("orderFieldName") || "id",
    descending: query.get("orderFieldSort") === "DESC",
  };
}

/** Whether a record's field holds what a filter asks for: the same id or value, or, for a date-time, one that starts with it (`2025-05-04`). */
function matches(value: unknown, wanted: string): boolean {
  const actual = referencedId(value) ?? value;
  if (actual === undefined || actual === null) return false;
  const text = String(actual);
  return text === wanted || (DATE_TIME.test(text) && text.startsWith(wanted));
}

/** Orders two field values: references by id, missing values last whatever the direction. */
function compare(a: unknown, b: unknown, descending: boolean): number {
  const x = referencedId(a) ?? a;
  const y = referencedId(b) ?? b;
  const missingX = x === undefined || x === null;
  const missingY = y === undefined || y === null;
  if (missingX || missingY) return Number(missingX) - Number(missingY);
  // Code-point order, not locale order, so that every runtime sorts the same.
  const order = x < y ? -1 : x > y ? 1 : 0;
  return descending ? -order : order;
}

/**
 * Answers a list request: the records of `name` that are (not) deleted as `deleted` asks (default: not
 * deleted), that match every filter the list has in the spec (`x-iwerp-filter`: the record's field of the
 * parameter's name) and `searchString` (any text field of the list item contains it, ignoring case), ordered
 * by `orderFieldName` (default `id`) and `orderFieldSort` (default `ASC`; ties by id), one page of them, each
 * as a list item (`route.shape`). The spec's parameter descriptions say each of these.
 */
export function listRecords(records: Records, name: CollectionName, route: Pick<Extract<Route, { type: "collection" }>, "shape" | "filters">, paging: Paging, query: URLSearchParams): Reply {
  const { page, pageSize, deleted, search, orderField, descending } = readQuery(query, paging);
  const { shape } = route;
  const filters = route.filters.flatMap((filter) => {
    const wanted = query.get(filter);
    return wanted === null ? [] : [(record: StoredRecord) => matches(record[filter], wanted)];
  });
  const render = (record: StoredRecord) => records.render(name, record, shape);
  const searched = (item: Record<string, unknown>) => Object.values(item).some((value) => typeof value === "string" && value.toLowerCase().includes(search));
  const found = records
    .all(name)
    .filter((record) => (record.deleted === true) === deleted && filters.every((keep) => keep(record)))
    // Only a search needs every item rendered; otherwise only the page is.
    .map((record) => ({ record, item: search === "" ? undefined : render(record) }))
    .filter(({ item }) => item === undefined || searched(item))
    .sort((a, b) => compare(a.record[orderField], b.record[orderField], descending) || a.record.id - b.record.id);
  const start = (page - paging.firstPage) * pageSize;
  const items = start < 0 ? [] : found.slice(start, start + pageSize).map(({ record, item }) => item ?? render(record));
  return { status: 200, body: items };
}
