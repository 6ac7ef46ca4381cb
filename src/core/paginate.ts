import type { OperationOf } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import { AbortError } from "../errors/AbortError.js";
import { checkCount } from "./check-input.js";
import { checkQuery } from "./request-input.js";
import { checkCallOptions } from "./resolve-options.js";
import type { Connection } from "./connection.js";
import type { Operation } from "./execute.js";
import type { ItemOf, ListOperationId, QueryOf, RequestInput, ResultOf } from "./operation-types.js";
import { request } from "./request.js";

/** Options of `listAll`: those of every call, and how many items at most. */
export interface ListAllOptions extends CallOptions {
  /** Stop after this many items. Default: all of them. */
  maxItems?: number | undefined;
}

/**
 * One page of the list operation `operation` (its generated facts), as `list` returns it. Its `page` and
 * `pageSize` are held to the spec's limits before anything is sent (`InvalidInputError`): a server may clamp, wrap
 * or ignore other values, which would end a walk early or never. (`request` sends what it is given, as for every
 * other field: the server checks.)
 *
 * @param refuse see `Operation.refuse`.
 */
export async function listPage<Id extends ListOperationId>(
  connection: Connection,
  operation: OperationOf<Id>,
  query: QueryOf<Id> | undefined,
  options?: CallOptions,
  refuse?: Operation<ResultOf<Id>>["refuse"],
): Promise<ResultOf<Id>> {
  const { paging, method, path } = operation;
  for (const [name, [min, max]] of Object.entries(paging?.limits ?? {})) {
    checkCount(`query.${name}`, (query as Record<string, unknown> | undefined)?.[name], min, max, { method, url: `${connection.config.baseUrl}${path}` });
  }
  return request(connection, operation, { query } as RequestInput<Id>, options, undefined, refuse);
}

/**
 * Walks the list operation `operation` (its generated facts) page by page and yields its items, fetching each
 * page only when the one before is used up: from the query's page (else the spec's first) with its page size
 * (else the spec's default), until a page has fewer items than the page size, or `maxItems` were yielded. Each
 * page is a `listPage` (page and page size held to the spec's limits). No page is requested twice, and no item is
 * yielded twice (items are told apart by the spec's `idProperty`).
 *
 * It does not trust the server's paging: a page longer than the page size, or one holding only items yielded
 * before (a server that ignores `page`), ends the walk with an `InvalidResponseError`. The caller's signal is
 * checked before every item: once it aborts, the walk yields nothing more and ends with an `AbortError`.
 * Leaving the walk early (`break`, `return()`) aborts the page in flight, so it ends at once.
 *
 * @param onRepeatedPage called just before the walk refuses a page that holds only items it yielded before (a server
 *   that ignores `page`, or a page of new items that arrived between two page reads): `watch` tells that case apart
 *   by this call, not by the words of the error's message, which may also quote the body of another answer.
 * @param refusePage says what else makes a page (as it came) unusable, or `undefined` when nothing does: the walk then
 *   ends with an `InvalidResponseError` saying so (`watch` refuses a page that is not newest first). Default: none.
 */
export function walkList<Id extends ListOperationId>(
  connection: Connection,
  operation: OperationOf<Id>,
  query: QueryOf<Id>,
  options: ListAllOptions,
  onRepeatedPage?: () => void,
  refusePage?: (found: readonly unknown[]) => string | undefined,
): AsyncGenerator<ItemOf<Id>, void, undefined> {
  const { method, path } = operation;
  // A resource offers `listAll` only for an operation that pages (the spec's `page` and `pageSize`).
  const paging = operation.paging!;
  const where = { method, url: `${connection.config.baseUrl}${path}` };
  const { page: pageName, pageSize: sizeName, idProperty } = paging;
  const idOf = (item: unknown) => idProperty && (item as Record<string, unknown> | null)?.[idProperty];
  const seen = new Set<unknown>();
  const stopped = new AbortController();

  const walk = async function* (): AsyncGenerator<ItemOf<Id>, void, undefined> {
    // The checks `list` makes of a query and options that are no object (from JavaScript), before anything is sent.
    checkCallOptions(options, where);
    const given = checkQuery(query, where);
    const { maxItems, ...call } = options;
    checkCount("maxItems", maxItems, 1, Infinity, where);
    // Held to the spec's limits by request(), with the first page.
    const pageSize = (given[sizeName] ?? paging.defaultPageSize) as number;
    // Aborts the page in flight when the caller's signal aborts or the walk is left early.
    const signal = call.signal ? AbortSignal.any([call.signal, stopped.signal]) : stopped.signal;
    let yielded = 0;
    for (let page = (given[pageName] ?? paging.firstPage) as number; ; page++) {
      let items;
      try {
        const pageQuery = { ...given, [pageName]: page, [sizeName]: pageSize } as QueryOf<Id>;
        items = (await listPage(connection, operation, pageQuery, { ...call, signal }, (found) =>
          found.length > pageSize
            ? `${found.length} items for pageSize ${pageSize}`
            : (refusePage?.(found) ??
              (found.length > 0 && found.every((item) => seen.has(idOf(item)))
                ? (onRepeatedPage?.(), "only items listAll yielded before")
                : undefined)),
        )) as readonly ItemOf<Id>[];
      } catch (error) {
        // Left early (`return()` aborted the page in flight): the walk ends quietly.
        if (stopped.signal.aborted) return;
        throw error;
      }
      for (const item of items) {
        const itemId = idOf(item);
        if (seen.has(itemId)) continue;
        if (itemId != null) seen.add(itemId);
        if (call.signal?.aborted) throw new AbortError({ ...where, attempts: 0 });
        yield item;
        if (++yielded >= (maxItems ?? Infinity)) return;
      }
      if (items.length < pageSize) return;
    }
  };

  const items = walk();
  const finish = items.return.bind(items);
  // A generator waiting for a page runs `return()` only once the page arrives: aborting the page first ends the wait.
  items.return = (value) => {
    stopped.abort();
    return finish(value);
  };
  return items;
}
