// @ts-check
/**
 * Loads the client the check runs with: once installed, the package's build (`dist/esm/`; the redactor, defaults and
 * model are internal modules of it, reached by path, not exports); in this repository its sources, bundled on the
 * spot with esbuild (a fraction of a second), so a run never tests a stale build.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inRepository, PACKAGE_ROOT } from "../package-root.mjs";

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

/** What the command takes from the client, by module: its path without the ending (`.ts` in src/, `.js` built or generated). */
const PARTS = Object.entries({
  "src/index": ["createChatClient"],
  "generated/operations": ["OPERATIONS"],
  "generated/model": ["COLLECTIONS", "ROUTES"],
  "src/core/redactor": ["Redactor"],
  "src/core/defaults": ["DEFAULTS"],
});

/** @returns {Promise<Record<string, any>>} the modules of `PARTS` from `src/`, bundled into one and imported from memory. */
async function fromSources() {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: {
      contents: PARTS.map(([part, names]) => `export { ${names.join(", ")} } from "./${part}.${part.startsWith("src/") ? "ts" : "js"}";\n`).join(""),
      resolveDir: PACKAGE_ROOT,
      sourcefile: "contract-check-client.ts",
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

/** @returns {Promise<Record<string, any>>} the modules of `PARTS` from the built package. */
async function fromBuild() {
  const modules = await Promise.all(PARTS.map(([part]) => import(pathToFileURL(path.join(PACKAGE_ROOT, "dist", "esm", `${part}.js`)).href)));
  return Object.fromEntries(PARTS.flatMap(([, names], i) => names.map((name) => [name, modules[i][name]])));
}

/** @type {Promise<ClientPackage> | undefined} */
let loaded;

/** The client package the command checks the tenant with, loaded once per process. @returns {Promise<ClientPackage>} */
export function loadClient() {
  loaded ??= (inRepository() ? fromSources() : fromBuild()).then(
    ({ createChatClient, OPERATIONS, COLLECTIONS, ROUTES, Redactor, DEFAULTS }) => ({ createChatClient, OPERATIONS, MODEL: { COLLECTIONS, ROUTES }, Redactor, DEFAULTS }),
    (error) => {
      // A failed load is not kept: the next call tries again.
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}
