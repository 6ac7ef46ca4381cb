// @ts-check
/**
 * Runs the smoke cases in Node.js, Bun or Deno with the settings in `IWERP_SMOKE` (`{ entry, api, refused, token,
 * marker }`, `entry` a file URL) and prints one result line, starting with `marker` so nothing else is taken for it.
 */
import { runSmokeCases } from "./smoke-cases.mjs";

const settings = JSON.parse(process.env.IWERP_SMOKE ?? "null");
if (settings === null) throw new Error("IWERP_SMOKE is not set; run `npm run test:runtimes`.");
const lib = await import(settings.entry);
const results = await runSmokeCases(lib, { api: settings.api, refused: settings.refused, token: settings.token, browser: false });
console.log(`${settings.marker}${JSON.stringify({ version: runtimeVersion(), results })}`);

/** This runtime's own version, e.g. `2.9.6` for Deno. */
function runtimeVersion() {
  /** @type {{ Deno?: { version: { deno: string } }, Bun?: { version: string } }} */
  const runtimes = /** @type {any} */ (globalThis);
  return runtimes.Deno?.version.deno ?? runtimes.Bun?.version ?? process.versions.node;
}
