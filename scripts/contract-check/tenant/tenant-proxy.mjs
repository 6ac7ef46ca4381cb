// @ts-check
/**
 * The way to the tenant: Prism's validating proxy (`prism proxy <spec> … --errors`), which forwards to the
 * recording hop, which forwards to the tenant. Prism's log goes into the run's log folder, redacted line by line.
 */
import path from "node:path";
import { createPrismServer } from "../../lib/prism.mjs";
import { EXIT, SetupError } from "../options.mjs";
import { createRecordingHop } from "./recording-hop.mjs";

/**
 * A running proxy: `url` is what the clients call.
 * @typedef {{
 *   url: string,
 *   hop: import("./recording-hop.mjs").RecordingHop,
 *   logFile: string,
 *   stop: () => Promise<void>,
 * }} TenantProxy
 * @typedef {import("./recording-hop.mjs").HopSettings & { logDir: string, redact: (text: string) => string, spec?: string }}
 *   TenantProxySettings the hop's settings, where Prism's log goes, what removes the secrets from it, and the spec
 *   (default: the bundled one).
 * @typedef {(settings: TenantProxySettings) => Promise<TenantProxy>} StartTenantProxy
 */

/**
 * Starts the hop, then Prism in front of it. A server that does not start is a setup problem (exit 4), and a Prism
 * that is not installed one too (exit 3), not a failed contract.
 * @type {StartTenantProxy}
 */
export async function startTenantProxy({ upstream, allowWrites, maxResponseBytes, logDir, redact, spec }) {
  const hop = await createRecordingHop({ upstream, allowWrites, maxResponseBytes }).catch((error) => {
    throw new SetupError(`could not start the recording hop on 127.0.0.1 (${error instanceof Error ? error.message : String(error)}).`, EXIT.cannotStart, { cause: error });
  });
  // A process group of its own: a Ctrl-C in the terminal reaches only the check, which still needs Prism to delete
  // what it created.
  const logFile = path.join(logDir, "prism.log");
  const started = createPrismServer({ mode: "proxy", spec, upstream: hop.url, logFile, redact, ownGroup: true });
  const prism = await started.catch(async (error) => {
    await hop.close();
    if (error?.code !== "MODULE_NOT_FOUND") throw new SetupError(error instanceof Error ? error.message : String(error), EXIT.cannotStart, { cause: error });
    throw new SetupError(
      "Prism (@stoplight/prism-cli, an optional peer dependency) is not installed; --upstream needs it: install it beside the package, e.g. `npm install --no-save @stoplight/prism-cli@5`.",
      EXIT.notInstalled,
    );
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
