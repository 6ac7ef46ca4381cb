// @ts-check
/**
 * Runs the smoke cases in a command-line runtime (Node.js, Bun or Deno) and prints one result line for
 * the runner. The runner passes its settings as JSON in `IWERP_SMOKE`: `{ entry, api, refused, token, marker }`,
 * `entry` being the file URL of the built package's ESM entry, `marker` what starts the result line (so that
 * nothing else the runtime prints is taken for it). `process` is there in all three.
 */
import { runSmokeCases } from "./smoke-cases.mjs";

const settings = JSON.parse(process.env.IWERP_SMOKE ?? "null");
if (settings === null) throw new Error("IWERP_SMOKE is not set; run `npm run test:runtimes`.");
const lib = await import(settings.entry);
const results = await runSmokeCases(lib, { api: settings.api, refused: settings.refused, token: settings.token, browser: false });
console.log(`${settings.marker}${JSON.stringify({ version: runtimeVersion(), results })}`);

/** This runtime's own version, e.g. `2.9.6` for Deno, `1.4.5` for Bun, `22.23.3` for Node.js. */
function runtimeVersion() {
  /** @type {{ Deno?: { version: { deno: string } }, Bun?: { version: string } }} */
  const runtimes = /** @type {any} */ (globalThis);
  return runtimes.Deno?.version.deno ?? runtimes.Bun?.version ?? process.versions.node;
}
