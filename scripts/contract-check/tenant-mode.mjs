// @ts-check
/**
 * The tenant mode (`--upstream URL`): in this repository the static checks first, then the tenant walk through
 * Prism's validating proxy with the typed client, and what it left behind.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { SetupError } from "./options.mjs";
import { inRepository } from "./package-root.mjs";
import { renderSteps } from "./render-report.mjs";
import { inTenantWords } from "./tenant/tenant-words.mjs";

/**
 * @typedef {import("./report-model.mjs").ContractReport} ContractReport
 * @typedef {import("./report-model.mjs").StepResult} StepResult
 * @typedef {{
 *   client?: import("./tenant/walk.mjs").ClientPackage,
 *   startProxy?: import("./tenant/tenant-proxy.mjs").StartTenantProxy,
 * }} TenantDependencies what a test may pass instead of the defaults: the client package (default: the built package, or this
 *   repository's sources) and how the proxy starts (default: Prism and the hop).
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

/**
 * Writes what the hop saw, one exchange a line, without headers or bodies; what the tenant sent (a content type, a
 * redirect's `Location`) is redacted before and after it is written as JSON, so no echoed token, JSON-escaped or not,
 * lands in the file.
 * @param {string} logDir
 * @param {import("./tenant/recording-hop.mjs").HopRecord[]} records
 * @param {import("./tenant/walk.mjs").TextRedactor} redactor
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
 *   client: import("./tenant/walk.mjs").ClientPackage,
 *   redactor: import("./tenant/walk.mjs").TextRedactor,
 *   startProxy?: import("./tenant/tenant-proxy.mjs").StartTenantProxy,
 * }} io `redactor`: redacts the files this mode writes (Prism's log, the exchanges).
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
  const [{ walkTenant }, { startTenantProxy }] = await Promise.all([import("./tenant/walk.mjs"), import("./tenant/tenant-proxy.mjs")]);
  let proxy;
  try {
    const { upstream, allowWrites, maxResponseBytes } = options;
    proxy = await (startProxy ?? startTenantProxy)({ upstream, allowWrites, maxResponseBytes, logDir, redact: (text) => redactor.text(text) });
    const result = await walkTenant({
      client,
      maxResponseBytes,
      baseUrl: proxy.url,
      hop: proxy.hop,
      // `parseOptions` let exactly one of them through.
      staffCredential: env.IWERP_API_KEY?.trim() ? { apiKey: env.IWERP_API_KEY.trim() } : { sessionToken: /** @type {string} */ (env.IWERP_SESSION_TOKEN).trim() },
      customerSessionToken: env.IWERP_CUSTOMER_SESSION_TOKEN?.trim() || undefined,
      chatroomId: options.chatroomId,
      allowWrites: options.allowWrites,
      interrupt,
      onLedger,
    });
    // The clients called the proxy: the report names the tenant's URLs, and the variables the command reads.
    const walked = inTenantWords(result, { proxyUrl: proxy.url, upstream: options.upstream });
    return { target, steps, operations: walked.operations, errors: [], records: walked.records, stopped: walked.stopped, ms: ms() };
  } catch (error) {
    // Prism missing, a server that did not start: the command exits with the setup problem's own code.
    if (error instanceof SetupError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { target, steps, operations: undefined, errors: [proxy ? inTenantWords(message, { proxyUrl: proxy.url, upstream: options.upstream }) : message], ms: ms() };
  } finally {
    if (proxy) {
      await proxy.stop();
      await writeExchanges(logDir, proxy.hop.records, redactor);
    }
  }
}
