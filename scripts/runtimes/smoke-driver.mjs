// @ts-check
/**
 * Runs the smoke cases where it is loaded and reports them: in a browser page (query string: `api`, `refused`,
 * `token`) to the runner's `reportSmoke`; in Node.js, Bun or Deno (`IWERP_SMOKE`: `{ entry, api, refused, token,
 * marker }`, `entry` a file URL) as one printed line, starting with `marker` so nothing else is taken for it.
 */
import { runSmokeCases } from "./smoke-cases.mjs";

/** @type {{ reportSmoke?: (json: string) => Promise<void>, Deno?: { version: { deno: string } }, Bun?: { version: string } }} */
const runtime = /** @type {any} */ (globalThis);
if (runtime.reportSmoke) {
  const query = new URL(location.href).searchParams;
  // A computed specifier: the bundle exists only in the page's folder, not beside this file in the repository.
  const lib = await import(new URL("client.js", import.meta.url).href);
  const config = { api: query.get("api") ?? "", refused: query.get("refused") ?? "", token: query.get("token") ?? "", browser: true };
  await runtime.reportSmoke(JSON.stringify(await runSmokeCases(lib, config)));
} else {
  const settings = JSON.parse(process.env.IWERP_SMOKE ?? "null");
  if (settings === null) throw new Error("IWERP_SMOKE is not set; run `npm run test:runtimes`.");
  const lib = await import(settings.entry);
  const results = await runSmokeCases(lib, { api: settings.api, refused: settings.refused, token: settings.token, browser: false });
  // This runtime's own version, e.g. `2.9.6` for Deno.
  const version = runtime.Deno?.version.deno ?? runtime.Bun?.version ?? process.versions.node;
  console.log(`${settings.marker}${JSON.stringify({ version, results })}`);
}
