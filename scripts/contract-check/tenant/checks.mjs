// @ts-check
/** The walk's checks, each a test of one operation: what it sent, what Prism and the tenant answered, why it failed. */
import { operationReport } from "../report-model.mjs";

/**
 * @typedef {import("../report-model.mjs").TestReport} TestReport
 * @typedef {import("./exchanges.mjs").Exchange} Exchange
 * @typedef {import("./api-map.mjs").ApiOperation} ApiOperation
 * @typedef {{ sink: Exchange[] | undefined }} Recorder
 */

/** Thrown by a check whose own expectation failed (e.g. a value read back differs); its message is the failure. */
export class CheckFailure extends Error {
  /** @override */
  name = "CheckFailure";
}

/** Thrown through `skip()`: the check could not be made, for the reason in the message. */
class Skip extends Error {
  /** @override */
  name = "Skip";
}

/** @param {number} bytes @returns {string} it as people read it, e.g. ` (10 MiB)` or ` (64 KiB)`; nothing below a KiB. */
function readableSize(bytes) {
  if (bytes < 1024) return "";
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KiB"] : [bytes / 1024 / 1024, "MiB"];
  return ` (${Number(value.toFixed(2))} ${unit})`;
}

/**
 * The failure lines of one exchange, and, when the tenant or Prism stopped answering, why (`down`); `explain`: Prism
 * replaced the tenant's answer without naming a violation, so only the client's error says why.
 * @param {Exchange} exchange
 * @returns {{ lines: string[], down?: string, explain?: boolean }}
 */
function judgeExchange(exchange) {
  const { method, tenant, violations } = exchange;
  const fail = (/** @type {string} */ why) => ({ lines: [`${method} ${exchange.target}: ${why}`] });
  if (tenant?.blocked) return fail(`not sent: a read-only run sends no ${method} to the tenant`);
  if (tenant?.redirect) {
    const to = tenant.location === undefined ? "without a Location" : `to Location: ${tenant.location}`;
    return fail(`the tenant answered ${tenant.status}, a redirect ${to}; not followed: the check sends the credential to --upstream only`);
  }
  if (tenant?.tooLarge !== undefined) {
    const limit = `${tenant.tooLarge} bytes${readableSize(tenant.tooLarge)}`;
    return fail(`the tenant answered ${tenant.status} with more than ${limit}, the limit; the check read no further (--max-response-bytes N changes the limit)`);
  }
  if (tenant?.badContentType) {
    return fail(`the tenant answered ${tenant.status} with Content-Type: ${tenant.contentType}, which is not a media type; not passed on to Prism, which cannot read it`);
  }
  if (tenant?.error) return { ...fail(`the tenant did not answer: ${tenant.error}`), down: `the tenant did not answer (${tenant.error})` };
  if (exchange.status === undefined) {
    if (/abort/i.test(exchange.error ?? "")) return { lines: [] };
    return { ...fail(`Prism did not answer: ${exchange.error ?? "no response"}`), down: `Prism's proxy did not answer (${exchange.error})` };
  }
  const answer = tenant && `the tenant answered ${tenant.status} ${tenant.contentType ?? "without a content type"} (${tenant.bytes ?? 0} bytes)`;
  if (violations.length === 0) {
    // E.g. a body that is not JSON: Prism's 500 is its own, not the tenant's.
    if (tenant?.status !== undefined && tenant.status !== exchange.status) return { ...fail(`${answer}; Prism answered ${exchange.status} in its place:`), explain: true };
    return { lines: [] };
  }
  let intro;
  if (tenant?.status === undefined) intro = `Prism answered ${exchange.status} itself; the request never reached the tenant`;
  else if (tenant.status !== exchange.status) intro = `${answer}; Prism answered ${exchange.status} in its place`;
  else intro = answer;
  return { lines: [...fail(`${intro}, for:`).lines, ...violations.map((v) => `  ${v.path || "(whole exchange)"}: ${v.message}  [Prism ${v.severity}]`)] };
}

/** iwERP codes that say the check's own credential was refused: the run could not check, so it fails. */
const CREDENTIAL_REFUSED = new Set(["401", "403"]);

/** An iwERP code of a server error: a soft 400 with it is documented, but it is the tenant failing, not an answer. */
const SERVER_ERROR = /^5\d\d$/;

/**
 * The status of the client's error for an answer the spec documents for `operation` (e.g. a 404 for an id that
 * names no record, a soft-error 400 with such a code), or undefined for any other error. Such an answer conforms;
 * a refused credential (401, 403, or a soft error with that code) and a soft error with a server error's code (5xx)
 * are documented too, but stay failures: the check could not check.
 * @param {unknown} error
 * @param {ApiOperation} operation
 * @returns {number | undefined}
 */
function documentedErrorStatus(error, operation) {
  if (error instanceof CheckFailure || error === null || typeof error !== "object") return undefined;
  const { status, code } = /** @type {{ status?: unknown, code?: unknown }} */ (error);
  if (typeof status !== "number" || status < 400 || !operation.statuses.includes(status)) return undefined;
  return CREDENTIAL_REFUSED.has(String(status)) || CREDENTIAL_REFUSED.has(String(code)) || SERVER_ERROR.test(String(code)) ? undefined : status;
}

/** @param {unknown} error @returns {string[]} the first lines of its message. */
function describeError(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").slice(0, 6);
}

/** Runs checks and keeps their results by operation. */
export class Checks {
  /** @type {Map<string, { operation: ApiOperation, tests: TestReport[], reasons: string[] }>} */
  #byOperation = new Map();
  /** Why no further checks run (the tenant stopped answering, the run was interrupted), once that happened. */
  stopped = /** @type {string | undefined} */ (undefined);

  /**
   * @param {ApiOperation[]} operations every operation of the spec, in its order.
   * @param {Recorder} recorder where each check's exchanges are collected.
   * @param {AbortSignal} interrupt aborted on SIGINT/SIGTERM.
   */
  constructor(operations, recorder, interrupt) {
    for (const operation of operations) this.#byOperation.set(operation.id, { operation, tests: [], reasons: [] });
    this.recorder = recorder;
    this.interrupt = interrupt;
  }

  /**
   * Runs one check of `operationId`, unless the walk has stopped (a cleanup check runs anyway).
   * @template T
   * @param {string} operationId
   * @param {string} name what the check does, e.g. `reads chatroom 42 (id from --chatroom-id)`.
   * @param {(context: { skip: (why: string) => never }) => Promise<T>} body
   * @param {{ cleanup?: boolean }} [options]
   * @returns {Promise<{ ran: boolean, passed: boolean, value?: T, exchanges: Exchange[], failure: string[] }>}
   */
  async run(operationId, name, body, { cleanup = false } = {}) {
    const entry = this.#byOperation.get(operationId);
    if (!entry) throw new Error(`no operation ${operationId} in the spec`);
    if (this.interrupt.aborted && this.stopped === undefined) this.stopped = "the run was interrupted";
    if (this.stopped !== undefined && !cleanup) return { ran: false, passed: false, exchanges: [], failure: [] };
    /** @type {Exchange[]} */
    const exchanges = [];
    this.recorder.sink = exchanges;
    const started = performance.now();
    /** @type {T | undefined} */
    let value;
    /** @type {unknown} */
    let thrown;
    try {
      value = await body({
        skip: (why) => {
          throw new Skip(why);
        },
      });
    } catch (error) {
      thrown = error;
    } finally {
      // A write interrupted by Ctrl-C is still waited for (bounded): whether it created a record decides what the
      // run deletes and reports.
      await Promise.all(exchanges.map((exchange) => exchange.settled));
      this.recorder.sink = undefined;
    }
    const ms = Math.round(performance.now() - started);
    const failure = [];
    let explain = false;
    for (const exchange of exchanges) {
      const { lines, down, explain: unexplained } = judgeExchange(exchange);
      failure.push(...lines);
      explain ||= unexplained === true;
      if (down !== undefined && this.stopped === undefined) this.stopped = down;
    }
    const test = { name, ms, requests: exchanges.length, failure: /** @type {string[]} */ ([]) };
    // An error answer the spec documents for the operation, with no violation, conforms (the check's own
    // expectations, a CheckFailure, are not answers); the report says what the tenant answered.
    const documented = failure.length === 0 ? documentedErrorStatus(thrown, entry.operation) : undefined;
    if (thrown instanceof Skip) entry.tests.push({ ...test, state: "skipped", note: thrown.message });
    else if (this.interrupt.aborted && !cleanup && thrown !== undefined) {
      this.stopped ??= "the run was interrupted";
      entry.tests.push({ ...test, state: "skipped", note: "the run was interrupted" });
    } else if (documented !== undefined) {
      const note = `the tenant answered ${documented}, a status the spec documents for ${entry.operation.id} (${entry.operation.statuses.join(", ")}): ${describeError(thrown)[0] ?? ""}`;
      entry.tests.push({ ...test, state: "passed", note });
    } else {
      if (thrown !== undefined && (thrown instanceof CheckFailure || failure.length === 0 || explain)) failure.push(...describeError(thrown));
      entry.tests.push({ ...test, state: failure.length === 0 ? "passed" : "failed", failure });
      return { ran: true, passed: failure.length === 0, value, exchanges, failure };
    }
    // Skipped, or an error answer: not a pass that made something (a record, a value) the caller can use.
    return { ran: true, passed: false, exchanges, failure: [] };
  }

  /**
   * Says why `operationId` was not checked (shown when no check of it passed or failed).
   * @param {string} operationId
   * @param {string} reason
   */
  notChecked(operationId, reason) {
    this.#byOperation.get(operationId)?.reasons.push(reason);
  }

  /** @param {string} operationId @returns {boolean} whether it has a check (passed, failed or skipped). */
  tested(operationId) {
    return (this.#byOperation.get(operationId)?.tests.length ?? 0) > 0;
  }

  /** The results by operation, in the spec's order (`operationReport`). */
  reports() {
    const fallback = this.stopped ? `not reached: ${this.stopped}` : "no check reached it";
    return [...this.#byOperation.values()].map(({ operation, tests, reasons }) =>
      operationReport(operation.id, `${operation.method} ${operation.path}`, tests, reasons, fallback),
    );
  }
}
