import type { OperationOf } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import { AbortError } from "../errors/AbortError.js";
import { ConnectionError } from "../errors/ConnectionError.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import type { HttpError } from "../errors/HttpError.js";
import { TimeoutError } from "../errors/TimeoutError.js";
import { waitBetweenAttempts } from "./call-limits.js";
import { checkCount, MAX_DURATION_MS } from "./check-input.js";
import type { Connection } from "./connection.js";
import type { ItemOf, ListOperationId, QueryOf } from "./operation-types.js";
import { walkList } from "./paginate.js";
import { checkQuery } from "./request-input.js";
import { checkCallOptions, type RetryPolicy } from "./resolve-options.js";
import { retryDelay } from "./retry-policy.js";

/** Options of `watch`: those of every list call it makes, the wait between polls, and where to start. */
export interface WatchOptions extends CallOptions {
  /** The wait between two polls, in milliseconds. Default: `5000`. */
  intervalMs?: number | undefined;
  /**
   * Yield the items after the one with this id (first the ones that exist already, oldest first), instead of
   * only those that appear after the watch began. Default: none, i.e. after the newest item at the start.
   */
  since?: number | undefined;
}

/** The default wait between two polls. */
const INTERVAL_MS = 5_000;
/** The longest wait after failed polls (unless `intervalMs` or a `Retry-After` is longer). */
const MAX_BACKOFF_MS = 60_000;

/**
 * Polls the list operation `operation` (its generated facts) and yields each item once, as it appears: the items with an id above the
 * newest one when the watch began (or above `since`), oldest first. `query` must order the list newest first
 * by the spec's `idProperty` (the resource adds that); each poll reads pages from the first until it reaches
 * an item it knows, so a burst of new items over several pages is read in full, and an item that arrives while
 * it reads shifts older ones to later pages, where they are recognised, never skipped.
 *
 * The ids it knows are a window of the newest items: at least half a page, and all of the last poll's news, so
 * the next poll reads those pages again (a message deleted between two page reads would otherwise shift one
 * past a page boundary) and an item that becomes visible late with a lower id than one yielded (a transaction
 * that commits late) is still yielded. Items older than the window are never yielded again.
 *
 * A failed poll that the client's retry rules would repeat (a refused or reset connection, 429, 5xx, an attempt
 * timeout), or that a poll, which only reads, may repeat too (a connection or a timeout that cut the body short, the
 * call's deadline) is tried again after a backoff that doubles from `intervalMs` up to a minute, or after the
 * server's `Retry-After`, never sooner than `intervalMs`; any other failure ends the watch with its error, and so
 * does a page that is not newest first (an `InvalidResponseError`: the watch would miss every new item). The
 * caller's signal ends it with an `AbortError`; `break` or `return()` end it quietly and abort the request in
 * flight, so none is left open.
 */
export function watchList<Id extends ListOperationId>(
  connection: Connection,
  operation: OperationOf<Id>,
  query: QueryOf<Id>,
  options: WatchOptions,
): AsyncGenerator<ItemOf<Id>, void, undefined> {
  const { paging, method, path } = operation;
  const where = { method, url: `${connection.config.baseUrl}${path}` };
  if (!paging?.idProperty) throw new InvalidInputError("operation", "has no paging parameters or no id property.", where);
  const { idProperty } = paging;
  const stopped = new AbortController();

  const watch = async function* (): AsyncGenerator<ItemOf<Id>, void, undefined> {
    // The checks `list` makes of a query and options that are no object (from JavaScript), before anything is sent.
    checkCallOptions(options, where);
    const given = checkQuery(query, where);
    const { intervalMs = INTERVAL_MS, since, ...call } = options;
    checkCount("intervalMs", intervalMs, 0, MAX_DURATION_MS, where);
    checkCount("since", since, 0, Number.MAX_SAFE_INTEGER, where);
    // Held to the spec's limits by walkList, with the first page.
    const pageSize = (given[paging.pageSize] ?? paging.defaultPageSize) as number;
    const signal = call.signal ? AbortSignal.any([call.signal, stopped.signal]) : stopped.signal;
    const idOf = (item: unknown) => (item as Record<string, unknown> | null)?.[idProperty] as number;
    // Ids at or below `floor` are old; every visible id above it is in `known` (yielded, or there at the start).
    let floor = since ?? -Infinity;
    let known = new Set<number>();
    let failures = 0;
    let shifted = 0;

    // The first poll only notes what is there; one that fails is repeated as a first poll.
    let first = since === undefined;
    poll: for (;;) {
      let news: ItemOf<Id>[] = [];
      let wait = intervalMs;
      let repeatedPage = false;
      try {
        // Newest first, page by page (no page twice, no item twice, a server that ignores `page` refused),
        // until an old item; the first poll only notes the newest page.
        for await (const item of walkList(
          connection,
          operation,
          query,
          { ...call, signal, maxItems: first ? pageSize : undefined },
          () => {
            repeatedPage = true;
          },
          // A page not newest first (a tenant that ignores `orderFieldSort`) would have each poll stop at an old item
          // before the new ones, never yielding them. Only within a page: between two page reads, a record that
          // commits late may come after a lower id.
          (found) => (found.some((item, i) => idOf(item) > idOf(found[i - 1])) ? "items not newest first (orderFieldSort=DESC)" : undefined),
        )) {
          const itemId = idOf(item);
          if (itemId <= floor) break;
          // An item without a numeric id cannot be told apart from others (the response check reports it).
          if (typeof itemId === "number" && !known.has(itemId)) news.push(item);
        }
        failures = shifted = 0;
        news.sort((a, b) => idOf(a) - idOf(b));
        for (const item of news) known.add(idOf(item));
        if (first) news = [];
        first = false;
        // The window: half a page, or the whole of this poll's news if more. (A full first page is more than
        // half a page, so the items before it are old from the start.)
        const newest = [...known].sort((a, b) => b - a);
        const size = Math.max(pageSize >> 1, news.length);
        if (newest.length > size) {
          floor = newest[size] as number;
          known = new Set(newest.slice(0, size));
        }
      } catch (error) {
        if (stopped.signal.aborted) return;
        // A page of new items that arrived between two page reads shifts a page already read onto the next: this
        // poll's news are dropped (none yielded, none known) and the next poll reads them again. A server that
        // ignores `page` does that every time: after three polls in a row it ends the watch with the error.
        news = [];
        if (!(repeatedPage && ++shifted <= 3)) {
          // Repeated only where the client's retry rules would repeat a GET; after a Retry-After as the server says.
          // A poll only reads, so it is repeated like a GET that failed before any answer also when its last attempt
          // ran into the call's deadline (a tenant that holds every request) or its body broke off or stalled (a
          // connection lost mid-answer): the client does not repeat those, as a request that was processed.
          const failed =
            error instanceof TimeoutError
              ? new TimeoutError({ ...error, limit: "attempt", responseStatus: undefined })
              : error instanceof ConnectionError && error.phase === "response"
                ? new ConnectionError({ ...error, phase: "request" }, "")
                : (error as Error);
          const delay = retryDelay(failed, ++failures, { maxAttempts: Infinity, initialDelayMs: Math.max(1, intervalMs), maxDelayMs: Infinity } as RetryPolicy, true);
          if (delay === undefined) throw error;
          // A timer cannot wait longer than MAX_DURATION_MS (it would fire at once): a longer Retry-After waits that long.
          // Never less than the interval: after a Retry-After of 0 (or a date past) the watch would poll without a pause.
          wait = Math.min(
            Math.max(intervalMs, (error as Partial<HttpError>).retryAfterMs ?? Math.min(delay, Math.max(intervalMs, MAX_BACKOFF_MS))),
            MAX_DURATION_MS,
          );
        }
      }
      for (const item of news) {
        if (call.signal?.aborted) break poll;
        yield item;
      }
      if ((await waitBetweenAttempts(wait, signal)) !== undefined) break;
    }
    // Left by `return()` (quietly), or the caller's signal aborted.
    if (!stopped.signal.aborted) throw new AbortError({ ...where, attempts: 0 });
  };

  const items = watch();
  const finish = items.return.bind(items);
  // A watch waiting for a page or between polls runs `return()` only once that ends: aborting first ends the wait.
  items.return = (value) => {
    stopped.abort();
    return finish(value);
  };
  return items;
}
