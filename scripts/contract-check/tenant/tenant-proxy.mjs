// @ts-check
/**
 * The way to the tenant: Prism's validating proxy (`prism proxy <spec> … --errors`), which forwards to the
 * recording hop, which forwards to the tenant. Prism's log goes into the run's log folder, redacted.
 */
import path from "node:path";
import { EXIT, SetupError } from "../options.mjs";
import { BUNDLED_SPEC } from "../package-root.mjs";
import { startPrismProxy } from "./prism.mjs";
import { createRecordingHop } from "./recording-hop.mjs";

/**
 * A running proxy: `url` is what the clients call.
 * @typedef {{
 *   url: string,
 *   hop: import("./recording-hop.mjs").RecordingHop,
 *   logFile: string,
 *   stop: () => Promise<void>,
 * }} TenantProxy
 * @typedef {import("./recording-hop.mjs").HopSettings & { logDir: string, redact: (text: string) => string }} TenantProxySettings
 *   the hop's settings, where Prism's log goes, and what removes the secrets from it.
 * @typedef {(settings: TenantProxySettings) => Promise<TenantProxy>} StartTenantProxy
 */

/** @type {StartTenantProxy} */
export async function startTenantProxy({ upstream, allowWrites, maxResponseBytes, logDir, redact }) {
  const hop = await createRecordingHop({ upstream, allowWrites, maxResponseBytes }).catch((error) => {
    // E.g. EADDRINUSE or EACCES: a setup problem (exit 4), not a failed contract.
    throw new SetupError(`could not start the recording hop on 127.0.0.1 (${error instanceof Error ? error.message : String(error)}).`, EXIT.cannotStart, { cause: error });
  });
  const prism = await startPrismProxy({ spec: BUNDLED_SPEC, upstream: hop.url, logFile: path.join(logDir, "prism.log"), redact }).catch(async (error) => {
    await hop.close();
    throw error;
  });
  return {
    url: prism.url,
    hop,
    logFile: prism.logFile,
    stop: async () => {
      await prism.stop();
      await hop.close();
    },
  };
}
