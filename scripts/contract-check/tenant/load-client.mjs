// @ts-check
/**
 * Loads the client the check runs with: once installed, the package's build (`dist/esm/`); in this repository
 * its sources, bundled on the spot with esbuild (a fraction of a second), so a run never tests a stale build.
 * Besides `createChatClient`, the operation table and the model generated from the spec (`generated/model.js`:
 * what each operation does, which fields name other records) it loads the client's redactor and defaults, which the
 * command uses for every output and for its size limit; they are internal modules of the build (reached by
 * path, not through the package's exports), so the package's public API does not grow.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inRepository, PACKAGE_ROOT } from "../package-root.mjs";

/**
 * Everything the command needs of the client, from `src/` (bundled into one module, imported from memory).
 * @returns {Promise<import("./walk.mjs").ClientPackage>}
 */
async function fromSources() {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: {
      contents: [
        'export { createChatClient } from "./src/index.ts";',
        'export { OPERATIONS } from "./generated/operations.js";',
        'import { COLLECTIONS, ROUTES } from "./generated/model.js";',
        "export const MODEL = { COLLECTIONS, ROUTES };",
        'export { Redactor } from "./src/core/redactor.ts";',
        'export { DEFAULTS } from "./src/core/defaults.ts";',
        "",
      ].join("\n"),
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

/**
 * The same from the built package.
 * @returns {Promise<import("./walk.mjs").ClientPackage>}
 */
async function fromBuild() {
  const url = (/** @type {string} */ file) => pathToFileURL(path.join(PACKAGE_ROOT, "dist", "esm", file)).href;
  const [{ createChatClient }, { OPERATIONS }, { COLLECTIONS, ROUTES }, { Redactor }, { DEFAULTS }] = await Promise.all([
    import(url("src/index.js")),
    import(url("generated/operations.js")),
    import(url("generated/model.js")),
    import(url("src/core/redactor.js")),
    import(url("src/core/defaults.js")),
  ]);
  return { createChatClient, OPERATIONS, MODEL: { COLLECTIONS, ROUTES }, Redactor, DEFAULTS };
}

/** @type {Promise<import("./walk.mjs").ClientPackage> | undefined} */
let loaded;

/**
 * The client package the command checks the tenant with, loaded once per process.
 * @returns {Promise<import("./walk.mjs").ClientPackage>}
 */
export function loadClient() {
  loaded ??= (inRepository() ? fromSources() : fromBuild()).catch((error) => {
    // A failed load is not kept: the next call tries again.
    loaded = undefined;
    throw error;
  });
  return loaded;
}
