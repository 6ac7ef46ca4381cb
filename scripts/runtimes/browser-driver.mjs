// @ts-check
/** Runs the smoke cases in a browser page (query string: `api`, `refused`, `token`) and hands them to `reportSmoke`. */
import { runSmokeCases } from "./smoke-cases.mjs";

/** @type {{ reportSmoke: (json: string) => Promise<void> }} */
const runner = /** @type {any} */ (globalThis);
const query = new URL(location.href).searchParams;
// A computed specifier: the bundle exists only in the page's folder, not beside this file in the repository.
const lib = await import(new URL("client.js", import.meta.url).href);
const results = await runSmokeCases(lib, {
  api: query.get("api") ?? "",
  refused: query.get("refused") ?? "",
  token: query.get("token") ?? "",
  browser: true,
});
await runner.reportSmoke(JSON.stringify(results));
