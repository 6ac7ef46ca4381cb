// @ts-check
/**
 * Loads the client the walk runs: once installed, the package's build (`dist/esm/`); in this repository its
 * sources, bundled on the spot with esbuild (a fraction of a second), so a run never tests a stale build.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inRepository, PACKAGE_ROOT } from "../package-root.mjs";

/**
 * `createChatClient` and `OPERATIONS` from `src/` (bundled into one module, imported from memory).
 * @returns {Promise<import("./walk.mjs").ClientPackage>}
 */
async function fromSources() {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: {
      contents: 'export { createChatClient } from "./src/index.ts";\nexport { OPERATIONS } from "./generated/operations.js";\n',
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
 * `createChatClient` and `OPERATIONS` from the built package.
 * @returns {Promise<import("./walk.mjs").ClientPackage>}
 */
async function fromBuild() {
  const url = (/** @type {string} */ file) => pathToFileURL(path.join(PACKAGE_ROOT, "dist", "esm", file)).href;
  const [{ createChatClient }, { OPERATIONS }] = await Promise.all([import(url("src/index.js")), import(url("generated/operations.js"))]);
  return { createChatClient, OPERATIONS };
}

/**
 * The client package the command checks the tenant with.
 * @returns {Promise<import("./walk.mjs").ClientPackage>}
 */
export function loadClient() {
  return inRepository() ? fromSources() : fromBuild();
}
