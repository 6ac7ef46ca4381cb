import type { OperationId } from "../core/operation-types.js";

/** The longest wait `setTimeout` can schedule (as the client's `MAX_DURATION_MS`); a longer one fires at once. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * What the next calls of an operation suffer instead of (or before) a normal answer. Give one of `status`,
 * `reset` or `delayMs`; `delayMs` may go with either of the others.
 * @example
 * tenant.fail("post_chatroom_participant_post", { status: 503, retryAfter: 1 });   // once: 503 with Retry-After: 1
 * tenant.fail("get_chatroom_get", { reset: true, times: 2 });                      // twice: the connection breaks
 * tenant.fail("get_chatroom_message_cget", { delayMs: 5_000 });                    // once: answers after 5 s
 * tenant.fail("get_chatroom_get", { status: 401, soft: true });                    // once: HTTP 400 with X-IW-ERROR-CODE: 401
 */
export interface FakeFault {
  /** How many calls in a row it hits. Default: 1. */
  times?: number | undefined;
  /** Answer with this status (300–599), with the iwERP error headers and a problem-details body. */
  status?: number | undefined;
  /** With `status`: the `Retry-After` header, in seconds or as an HTTP date. Default: none. */
  retryAfter?: number | string | undefined;
  /** With `status`: the message in `X-IW-ERROR-JSON`. Default: `"Fault injected by the fake tenant (<status>)"`. */
  message?: string | undefined;
  /**
   * With an error `status` (400–599): answer as iwERP's soft errors do, HTTP 400 with the status in
   * `X-IW-ERROR-CODE` (`true`), or with the status itself (`false`). Default: the tenant's `softErrors`.
   */
  soft?: boolean | undefined;
  /**
   * Break the connection instead of answering: `fetch` rejects with `TypeError("fetch failed")` whose `cause`
   * has the `code` (as Node.js's fetch does), which the client reports as a `ConnectionError`.
   */
  reset?: boolean | undefined;
  /** With `reset`: the system error code. Default: `ECONNRESET` (may have been processed); `ECONNREFUSED` means never sent. */
  code?: string | undefined;
  /** With `reset`: whether the fake carries out the request before the connection breaks (the ambiguous case). Default: false. */
  processed?: boolean | undefined;
  /**
   * Wait this long before answering (or failing), at most 2147483647 ms (about 24.8 days, the longest `setTimeout`
   * waits). An aborted request signal ends the wait: `fetch` rejects with its reason.
   */
  delayMs?: number | undefined;
}

/** A fault as the queue keeps it: checked, with the calls it has left. */
type QueuedFault = Required<Pick<FakeFault, "times" | "delayMs">> & Omit<FakeFault, "times" | "delayMs">;

/** The faults waiting for each operation, first in, first out. */
export class FaultQueue {
  readonly #queues = new Map<OperationId, QueuedFault[]>();

  /** Queues `fault` for the next calls of `id`; throws a TypeError for a fault that could not happen. */
  add(id: OperationId, fault: FakeFault): void {
    const checked = checkFault(fault);
    const queue = this.#queues.get(id) ?? [];
    queue.push(checked);
    this.#queues.set(id, queue);
  }

  /** The fault the next call of `id` suffers, if any (counting it). */
  take(id: OperationId): Omit<QueuedFault, "times"> | undefined {
    const queue = this.#queues.get(id);
    const next = queue?.[0];
    if (queue === undefined || next === undefined) return undefined;
    next.times--;
    if (next.times <= 0) queue.shift();
    const { times: _left, ...fault } = next;
    return fault;
  }

  clear(): void {
    this.#queues.clear();
  }
}

function checkFault(fault: FakeFault): QueuedFault {
  if (fault === null || typeof fault !== "object") throw new TypeError("fail: the fault must be an object such as { status: 503 }.");
  const { times = 1, delayMs = 0, status, reset, retryAfter, code, processed, soft } = fault;
  if (!Number.isSafeInteger(times) || times < 1) throw new TypeError(`fail: times must be a whole number from 1 (got ${String(times)}).`);
  // Not past setTimeout's longest wait: a longer one fires at once (Node.js warns, browsers say nothing), so the fault
  // meant to hang would answer straight away.
  if (typeof delayMs !== "number" || !(delayMs >= 0 && delayMs <= MAX_DELAY_MS)) {
    throw new TypeError(`fail: delayMs must be a number of milliseconds from 0 to ${MAX_DELAY_MS} (got ${String(delayMs)}).`);
  }
  if (status !== undefined && (!Number.isInteger(status) || status < 300 || status > 599)) {
    throw new TypeError(`fail: status must be a whole number from 300 to 599 (got ${String(status)}).`);
  }
  if (status !== undefined && reset) throw new TypeError("fail: give status or reset, not both: a broken connection has no status.");
  if (status === undefined && !reset && fault.delayMs === undefined) throw new TypeError("fail: give status, reset or delayMs.");
  if (retryAfter !== undefined && status === undefined) throw new TypeError("fail: retryAfter goes with a status.");
  // A header value is Latin-1 without NUL, CR or LF: any other would make each faulted call throw in `Headers`,
  // which the client reports as a request it refused to send. Odd values a header can carry (`-1`, `soon`) stay allowed.
  if (retryAfter !== undefined && ((typeof retryAfter !== "number" && typeof retryAfter !== "string") || /[\0\r\n\u0100-\uffff]/.test(String(retryAfter)))) {
    throw new TypeError(`fail: retryAfter must be a number of seconds or an HTTP date, on one line of Latin-1 (got ${JSON.stringify(String(retryAfter))}).`);
  }
  if ((code !== undefined || processed !== undefined) && !reset) throw new TypeError("fail: code and processed go with reset.");
  if (soft !== undefined && typeof soft !== "boolean") throw new TypeError(`fail: soft must be true or false (got ${String(soft)}).`);
  if (soft !== undefined && status === undefined) throw new TypeError("fail: soft goes with a status.");
  if (soft === true && status !== undefined && status < 400) {
    throw new TypeError(`fail: soft: true goes with an error status from 400 to 599 (got ${status}): only errors are answered as HTTP 400 with X-IW-ERROR-CODE.`);
  }
  return { ...fault, times, delayMs };
}

/** The error Node.js's fetch (undici) rejects with when the connection breaks: a TypeError whose `cause` has the system error code. */
export function networkFailure(code: string): TypeError {
  const cause = Object.assign(new Error(code === "ECONNREFUSED" ? "connect ECONNREFUSED" : `read ${code}`), { code });
  return new TypeError("fetch failed", { cause });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (as `fetch` does). */
export function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException("This operation was aborted", "AbortError");
}
