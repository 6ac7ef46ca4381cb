// @ts-check
/**
 * The tenant walk: every operation of the spec called through Prism's validating proxy with the typed client (reads
 * always, writes with `allowWrites`), the records it created deleted at the end, and a result per operation.
 */
import { randomBytes } from "node:crypto";
import { fieldResources, KnownIds, mapOperations } from "./api-map.mjs";
import { Checks } from "./checks.mjs";
import { createExchangeRecorder } from "./exchanges.mjs";
import { Ledger } from "./ledger.mjs";
import { walkReads } from "./read-walk.mjs";
import { cleanUp, explainWrites, walkWrites } from "./write-walk.mjs";

/**
 * What the command needs of the client package: `createChatClient`, the operation table and the model for the walk,
 * the client's `Redactor` for every output, and its `DEFAULTS` (`maxResponseBytes`, the check's size limit).
 * @typedef {{
 *   createChatClient: (options: Record<string, unknown>) => import("./read-walk.mjs").WalkClient,
 *   OPERATIONS: Readonly<Record<string, import("./api-map.mjs").OperationEntry>>,
 *   MODEL: import("./api-map.mjs").ApiModel,
 *   Redactor: new (secrets: ReadonlyArray<string | undefined>) => TextRedactor,
 *   DEFAULTS: { readonly maxResponseBytes: number },
 * }} ClientPackage
 * @typedef {{ text(text: string): string, value(value: unknown): unknown }} TextRedactor the client's
 *   `Redactor`: `text` replaces every secret in any encoding, `value` does so in every string of parsed JSON.
 */

/**
 * @typedef {{
 *   client: ClientPackage,
 *   maxResponseBytes: number,
 *   baseUrl: string,
 *   hop: { record(exchange: string): Promise<import("./recording-hop.mjs").HopRecord | undefined> },
 *   staffCredential: { apiKey: string } | { sessionToken: string },
 *   customerSessionToken: string | undefined,
 *   chatroomId: number | undefined,
 *   allowWrites: boolean,
 *   interrupt: AbortSignal,
 *   onLedger?: (ledger: Ledger) => void,
 * }} WalkOptions `maxResponseBytes`: the largest answer the clients read; `baseUrl`: Prism's proxy; `hop`: the
 *   recording hop behind it; `interrupt`: aborted on SIGINT/SIGTERM (the walk stops, then still deletes what it
 *   created); `onLedger`: receives the ledger at the start, so a second signal can still list what is left.
 */

/** A mark for the records of one run, e.g. `contract check 20261127T041000 3fa2`. */
function runMarker() {
  const time = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  return `contract check ${time} ${randomBytes(2).toString("hex")}`;
}

/**
 * Walks the tenant.
 * @param {WalkOptions} options
 * @returns {Promise<{
 *   operations: import("../report-model.mjs").OperationReport[],
 *   records: import("../report-model.mjs").RecordsReport | undefined,
 *   stopped: string | undefined,
 * }>}
 */
export async function walkTenant(options) {
  const { client, baseUrl, interrupt, chatroomId, allowWrites } = options;
  const api = mapOperations(client.OPERATIONS, client.MODEL);
  const recorder = createExchangeRecorder(options.hop);
  // One attempt per call, every response checked: the walk reports what the tenant does, it does not smooth it over.
  const common = { baseUrl, fetch: recorder.fetch, retry: false, logger: false, validateResponses: "throw", timeoutMs: 60_000, maxResponseBytes: options.maxResponseBytes };
  const checks = new Checks(api, recorder, interrupt);
  const context = {
    api,
    checks,
    staff: client.createChatClient({ ...common, ...options.staffCredential }),
    customer: options.customerSessionToken ? client.createChatClient({ ...common, sessionToken: options.customerSessionToken }) : undefined,
    known: new KnownIds(fieldResources(client.MODEL.COLLECTIONS)),
    chatroomId,
    interrupt,
  };
  const ledger = new Ledger();
  options.onLedger?.(ledger);
  try {
    await walkReads(context);
    if (allowWrites && chatroomId !== undefined) await walkWrites({ ...context, chatroomId, marker: runMarker() }, ledger);
  } finally {
    await cleanUp(context, ledger);
  }
  if (interrupt.aborted && checks.stopped === undefined) checks.stopped = "the run was interrupted";
  explainWrites(context, allowWrites);
  return { operations: checks.reports(), records: allowWrites ? ledger.report() : undefined, stopped: checks.stopped };
}
