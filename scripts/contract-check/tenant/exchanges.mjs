// @ts-check
/**
 * The `fetch` the walk's clients call Prism through: it tags each request for the recording hop, and notes
 * per exchange what Prism answered (status, `sl-violations`) and what the tenant really answered (from the hop).
 */
import { EXCHANGE_HEADER } from "./recording-hop.mjs";

/**
 * A violation Prism reported in `sl-violations`, its place as a path (e.g. `response.body.id`).
 * @typedef {{ path: string, message: string, severity: string }} Violation
 * @typedef {{
 *   method: string,
 *   target: string,
 *   status: number | undefined,
 *   violations: Violation[],
 *   tenant: import("./recording-hop.mjs").HopRecord | undefined,
 *   error?: string,
 * }} Exchange `target`: path and query; `status`: Prism's answer (undefined: none); `tenant`: what the
 *   tenant answered, undefined when the request never reached it (Prism answered itself).
 */

/**
 * Parses Prism's `sl-violations` header.
 * @param {string | null} header
 * @returns {Violation[]}
 */
function parseViolations(header) {
  if (!header) return [];
  try {
    const list = JSON.parse(header);
    if (!Array.isArray(list)) return [{ path: "", message: header, severity: "Error" }];
    return list.map((v) => ({
      path: Array.isArray(v?.location) ? v.location.join(".") : "",
      message: String(v?.message ?? ""),
      severity: String(v?.severity ?? "Error"),
    }));
  } catch {
    return [{ path: "", message: header, severity: "Error" }];
  }
}

/**
 * Creates the recording `fetch`. Exchanges go to `sink` (set it per check), else to `unattributed`.
 * @param {{ record(exchange: string): Promise<import("./recording-hop.mjs").HopRecord | undefined> }} hop
 */
export function createExchangeRecorder(hop) {
  let next = 0;
  const recorder = {
    /** @type {Exchange[] | undefined} */
    sink: undefined,
    /** @type {Exchange[]} */
    unattributed: [],
    /** @type {typeof fetch} */
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const id = String(++next);
      const headers = new Headers(request.headers);
      headers.set(EXCHANGE_HEADER, id);
      const url = new URL(request.url);
      /** @type {Exchange} */
      const exchange = { method: request.method, target: `${url.pathname}${url.search}`, status: undefined, violations: [], tenant: undefined };
      (recorder.sink ?? recorder.unattributed).push(exchange);
      const body = request.body ? await request.arrayBuffer() : undefined;
      try {
        const response = await fetch(request.url, { method: request.method, headers, body, signal: request.signal, redirect: "manual" });
        exchange.status = response.status;
        exchange.violations = parseViolations(response.headers.get("sl-violations"));
        exchange.tenant = await hop.record(id);
        return response;
      } catch (error) {
        exchange.error = error instanceof Error ? error.message : String(error);
        // The tenant may still answer (e.g. a create interrupted by Ctrl-C): wait for what the hop saw.
        exchange.tenant = await hop.record(id);
        throw error;
      }
    },
  };
  return recorder;
}
