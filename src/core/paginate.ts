import { OPERATIONS } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import { AbortError } from "../errors/AbortError.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import { checkCount } from "./check-input.js";
import type { Connection } from "./connection.js";
import type { ListOperationId } from "./operation-types.js";

/** Options of `listAll`: those of every call, and how many items at most. */
export interface ListAllOptions extends CallOptions {
  /** Stop after this many items. Default: all of them. */
  maxItems?: number;
}

/** What `paginate` needs to walk one list. */
export interface PageWalk<Item> {
  /** The first page to fetch: the query's `page`, else the spec's default. */
  firstPage: number;
  /** Items per page: the query's `pageSize`, else the spec's default. A shorter page is the last. */
  pageSize: number;
  /** The most items to yield. */
  maxItems: number | undefined;
  signal: AbortSignal | undefined;
  /** Fetches one page (one call, with its own timeouts and retries). */
  fetchPage: (page: number) => Promise<readonly Item[]>;
  /** For messages: the method and URL of the list, and the names of its paging parameters. */
  where: { method: string; url: string };
  names: { page: string; pageSize: string };
}

/**
 * Yields the items of a paged list, fetching each page only when the one before is used up: from
 * `firstPage` on, one page after the other, until a page has fewer than `pageSize` items or `maxItems`
 * were yielded. No page is requested twice; an aborted signal ends the walk with an `AbortError`.
 */
export async function* paginate<Item>(walk: PageWalk<Item>): AsyncGenerator<Item, void, undefined> {
  const { pageSize, maxItems, signal, where, names } = walk;
  try {
    checkCount(`query.${names.page}`, walk.firstPage, 0);
    checkCount(`query.${names.pageSize}`, pageSize, 1);
    checkCount("maxItems", maxItems, 1);
  } catch (error) {
    throw error instanceof InvalidInputError ? error.of(where) : error;
  }
  let yielded = 0;
  for (let page = walk.firstPage; ; page++) {
    if (signal?.aborted) throw new AbortError({ ...where, attempts: 0 });
    const items = await walk.fetchPage(page);
    for (const item of items) {
      if (maxItems !== undefined && yielded >= maxItems) return;
      yielded++;
      yield item;
    }
    if (items.length < pageSize || (maxItems !== undefined && yielded >= maxItems)) return;
  }
}

/**
 * Walks the list operation `id` with the paging parameters and defaults the spec gives it, starting where
 * `start` says (the query's own values of them); `fetchPage` is the resource's own typed `list` call.
 */
export function walkList<Item>(
  connection: Connection,
  id: ListOperationId,
  start: { page?: number | undefined; pageSize?: number | undefined },
  options: ListAllOptions,
  fetchPage: (page: number, pageSize: number, call: CallOptions) => Promise<readonly Item[]>,
): AsyncGenerator<Item, void, undefined> {
  const { paging, method, path } = OPERATIONS[id];
  const where = { method, url: `${connection.config.baseUrl}${path}` };
  if (!paging) throw new InvalidInputError("operation", `${id} has no paging parameters.`, where);
  const { maxItems, ...call } = options;
  const pageSize = start.pageSize ?? paging.defaultPageSize;
  return paginate({
    firstPage: start.page ?? paging.firstPage,
    pageSize,
    maxItems,
    signal: call.signal,
    fetchPage: (page) => fetchPage(page, pageSize, call),
    where,
    names: paging,
  });
}
