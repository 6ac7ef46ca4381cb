// @ts-check
/**
 * The `fetch` the walk's clients call Prism through: it tags each request for the recording hop, and notes per
 * exchange what Prism answered (status, `sl-violations`) and what the tenant really answered (from the hop).
 */
import { EXCHANGE_HEADER, READ_METHODS, UPSTREAM_TIMEOUT_MS } from "./recording-hop.mjs";

/**
 * @typedef {{ path: string, message: string, severity: string }} Violation one of Prism's `sl-violations`, its place
 *   as a path (e.g. `response.body.id`).
 * @typedef {{
 *   method: string,
 *   target: string,
 *   status: number | undefined,
 *   violations: Violation[],
 *   tenant: import("./recording-hop.mjs").HopRecord | undefined,
 *   error?: string,
 *   settled: Promise<void>,
 * }} Exchange `target`: path and query; `status`: Prism's answer (undefined: none); `tenant`: what the tenant
 *   answered, undefined when the request never reached it; `settled`: resolves once all of that is known.
 */

/** How long a write in flight is waited for after an interrupt: the hop's own limit, and Prism's turn. */
const WRITE_WAIT_MS = UPSTREAM_TIMEOUT_MS + 5_000;

/** Parses Prism's `sl-violations` header. @param {string | null} header @returns {Violation[]} */
function parseViolations(header) {
  if (!header) return [];
  let list;
  try {
    list = JSON.parse(header);
  } catch {
    // Not JSON: reported as it came, below.
  }
  if (!Array.isArray(list)) return [{ path: "", message: header, severity: "Error" }];
  return list.map((v) => ({ path: Array.isArray(v?.location) ? v.location.join(".") : "", message: String(v?.message ?? ""), severity: String(v?.severity ?? "Error") }));
}

/** @param {AbortSignal} signal @returns {Error} the reason it was aborted for, as an error to throw. */
function abortError(signal) {
  return signal.reason instanceof Error ? signal.reason : new DOMException(`The operation was aborted (${String(signal.reason)})`, "AbortError");
}

/**
 * Creates the recording `fetch`. Exchanges go to `sink`, which each check sets (every call is made in one). A write,
 * once sent, is seen through to its answer even when the run is interrupted (bounded by the hop's timeout): the run
 * must know whether the tenant created a record before it cleans up and reports.
 * @param {{ record(exchange: string): Promise<import("./recording-hop.mjs").HopRecord | undefined> }} hop
 */
export function createExchangeRecorder(hop) {
  let next = 0;
  const recorder = {
    /** @type {Exchange[] | undefined} */
    sink: undefined,
    /** @type {typeof fetch} */
    fetch: async (input, init) => {
      const request = new Request(input, init);
      // Interrupted before it left: nothing is sent (the client races its signal, so it may call on).
      if (request.signal.aborted) throw abortError(request.signal);
      const id = String(++next);
      const headers = new Headers(request.headers);
      headers.set(EXCHANGE_HEADER, id);
      const url = new URL(request.url);
      const write = !READ_METHODS.has(request.method);
      /** @type {() => void} */
      let settle = () => {};
      /** @type {Exchange} */
      const exchange = {
        method: request.method,
        target: `${url.pathname}${url.search}`,
        status: undefined,
        violations: [],
        tenant: undefined,
        settled: new Promise((resolve) => (settle = () => resolve(undefined))),
      };
      recorder.sink?.push(exchange);
      const body = request.body ? await request.arrayBuffer() : undefined;
      // A write is not cut off by the caller's signal: the tenant may act on it anyway, and the run must see
      // its answer (the new record's id) to delete what it created. Its wait is bounded instead.
      const signal = write ? AbortSignal.timeout(WRITE_WAIT_MS) : request.signal;
      let response;
      try {
        response = await fetch(request.url, { method: request.method, headers, body, signal, redirect: "manual" });
        exchange.status = response.status;
        exchange.violations = parseViolations(response.headers.get("sl-violations"));
        exchange.tenant = await hop.record(id);
      } catch (error) {
        exchange.error = error instanceof Error ? error.message : String(error);
        // A read the caller gave up on needs no answer; otherwise the hop says whether the tenant answered.
        if (write || !request.signal.aborted) exchange.tenant = await hop.record(id);
        throw error;
      } finally {
        settle();
      }
      if (request.signal.aborted) {
        // The caller gave up on it: its answer is recorded, its body not wanted.
        await response.body?.cancel().catch(() => {});
        throw abortError(request.signal);
      }
      return response;
    },
  };
  return recorder;
}
