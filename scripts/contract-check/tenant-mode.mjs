// @ts-check
/**
 * The tenant mode (`--upstream URL`): in this repository the static checks first, then the tenant walk: every
 * operation of the spec called through Prism's validating proxy with the typed client (reads always, writes with
 * `allowWrites`), the records it created deleted at the end, and a result per operation.
 */
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { SetupError } from "./options.mjs";
import { inRepository } from "./package-root.mjs";
import { renderSteps } from "./render-report.mjs";
import { fieldResources, KnownIds, mapOperations } from "./tenant/api-map.mjs";
import { Checks } from "./tenant/checks.mjs";
import { createExchangeRecorder } from "./tenant/exchanges.mjs";
import { Ledger } from "./tenant/ledger.mjs";
import { walkReads } from "./tenant/read-walk.mjs";
import { startTenantProxy } from "./tenant/tenant-proxy.mjs";
import { inTenantWords } from "./tenant/tenant-words.mjs";
import { cleanUp, explainWrites, walkWrites } from "./tenant/write-walk.mjs";

/**
 * @typedef {import("./report-model.mjs").ContractReport} ContractReport
 * @typedef {import("./report-model.mjs").StepResult} StepResult
 * @typedef {{
 *   client?: import("./tenant/load-client.mjs").ClientPackage,
 *   startProxy?: import("./tenant/tenant-proxy.mjs").StartTenantProxy,
 * }} TenantDependencies what a test may pass instead of the defaults: the client package (default: the built
 *   package, or this repository's sources) and how the proxy starts (default: Prism and the hop).
 */

/**
 * The static checks, or why they do not run: installed, there are no sources of this repository to check.
 * @param {Set<string>} skip
 * @returns {Promise<StepResult[]>}
 */
async function staticChecks(skip) {
  if (inRepository()) return (await import("./static-checks.mjs")).runStaticChecks({ skip });
  const detail = "the installed command checks the tenant only (lint, drift and typecheck run in the repository)";
  const titles = { lint: "the spec lints", drift: "generated/ is current", typecheck: "the client compiles" };
  return Object.entries(titles).map(([step, title]) => ({ step, title, status: "skipped", detail, ms: 0 }));
}

/** A mark for the records of one run, e.g. `contract check 20261127T041000 3fa2`. */
function runMarker() {
  const time = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  return `contract check ${time} ${randomBytes(2).toString("hex")}`;
}

/**
 * Writes what the hop saw, one exchange a line, without headers or bodies; what the tenant sent (a content type, a
 * redirect's `Location`) is redacted before and after it is written as JSON, so no echoed token, JSON-escaped or not,
 * lands in the file.
 * @param {string} logDir
 * @param {import("./tenant/recording-hop.mjs").HopRecord[]} records
 * @param {import("./tenant/load-client.mjs").TextRedactor} redactor
 */
async function writeExchanges(logDir, records, redactor) {
  const lines = records.map(({ body, redirect, ...seen }) => redactor.text(JSON.stringify(redactor.value(seen))));
  await writeFile(path.join(logDir, "tenant-exchanges.jsonl"), lines.length > 0 ? `${lines.join("\n")}\n` : "");
}

/**
 * Runs the tenant mode.
 * @param {import("./options.mjs").ContractCheckOptions & { upstream: string, maxResponseBytes: number }} options
 * @param {{
 *   env: NodeJS.ProcessEnv,
 *   print: (text: string) => void,
 *   logDir: string,
 *   interrupt: AbortSignal,
 *   onLedger?: (ledger: import("./tenant/ledger.mjs").Ledger) => void,
 *   client: import("./tenant/load-client.mjs").ClientPackage,
 *   redactor: import("./tenant/load-client.mjs").TextRedactor,
 *   startProxy?: import("./tenant/tenant-proxy.mjs").StartTenantProxy,
 * }} io `interrupt`: aborted on SIGINT/SIGTERM (the walk stops, then still deletes what it created); `onLedger`:
 *   receives the ledger at the start, so a second signal can still list what is left; `redactor`: redacts the files
 *   this mode writes (Prism's log, the exchanges).
 * @returns {Promise<ContractReport>}
 */
export async function runTenantMode(options, { env, print, logDir, interrupt, onLedger, client, redactor, startProxy }) {
  const started = performance.now();
  const writes = options.allowWrites ? `writes in chat room ${options.chatroomId}` : "read-only";
  const target = `${options.upstream} through Prism's validating proxy (${writes})`;
  const steps = await staticChecks(options.skip);
  print(renderSteps(steps));
  const ms = () => Math.round(performance.now() - started);
  if (!steps.every((step) => step.status === "passed" || step.status === "skipped")) {
    return { target, steps, operations: undefined, errors: ["The tenant was not checked, because a static check failed."], ms: ms() };
  }
  const { upstream, allowWrites, maxResponseBytes, chatroomId } = options;
  let proxy;
  try {
    proxy = await (startProxy ?? startTenantProxy)({ upstream, allowWrites, maxResponseBytes, logDir, redact: (text) => redactor.text(text) });
    const api = mapOperations(client.OPERATIONS, client.MODEL);
    const recorder = createExchangeRecorder(proxy.hop);
    // One attempt per call, every response checked: the walk reports what the tenant does, it does not smooth it over.
    const common = { baseUrl: proxy.url, fetch: recorder.fetch, retry: false, logger: false, validateResponses: "throw", timeoutMs: 60_000, maxResponseBytes };
    // `parseOptions` let exactly one of the staff's credentials through.
    const apiKey = env.IWERP_API_KEY?.trim();
    const customerToken = env.IWERP_CUSTOMER_SESSION_TOKEN?.trim();
    const checks = new Checks(api, recorder, interrupt);
    const context = {
      api,
      checks,
      staff: client.createChatClient({ ...common, ...(apiKey ? { apiKey } : { sessionToken: env.IWERP_SESSION_TOKEN?.trim() }) }),
      customer: customerToken ? client.createChatClient({ ...common, sessionToken: customerToken }) : undefined,
      known: new KnownIds(fieldResources(client.MODEL.COLLECTIONS)),
      chatroomId,
      interrupt,
    };
    const ledger = new Ledger();
    onLedger?.(ledger);
    try {
      await walkReads(context);
      if (allowWrites && chatroomId !== undefined) await walkWrites({ ...context, chatroomId, marker: runMarker() }, ledger);
    } finally {
      await cleanUp(context, ledger);
    }
    if (interrupt.aborted && checks.stopped === undefined) checks.stopped = "the run was interrupted";
    explainWrites(context, allowWrites);
    // The clients called the proxy, and Prism the hop: the report names the tenant's URLs, and the variables the
    // command reads.
    const walked = { operations: checks.reports(), records: allowWrites ? ledger.report() : undefined, stopped: checks.stopped };
    return { target, steps, errors: [], ...inTenantWords(inTenantWords(walked, { proxyUrl: proxy.url, upstream }), { proxyUrl: proxy.hop.url, upstream }), ms: ms() };
  } catch (error) {
    // Prism missing, a server that did not start: the command exits with the setup problem's own code.
    if (error instanceof SetupError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { target, steps, operations: undefined, errors: [proxy ? inTenantWords(message, { proxyUrl: proxy.url, upstream }) : message], ms: ms() };
  } finally {
    if (proxy) {
      await proxy.stop();
      await writeExchanges(logDir, proxy.hop.records, redactor);
    }
  }
}
