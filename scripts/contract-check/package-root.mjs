// @ts-check
/** Where the command's files are, the same in this repository and in the installed package, and which it runs from. */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The package's root folder: this repository, or `node_modules/iwerp-chat-client` once installed. */
const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** True in this repository's checkout; false in the installed package, which has no sources and no contract suite. */
export function inRepository() {
  return ["openapi/openapi.yaml", "src/index.ts", "contract-tests"].every((entry) => existsSync(path.join(PACKAGE_ROOT, entry)));
}

/**
 * Named exports of the package's modules (`parts`: a module's path without its ending → the names): once installed,
 * from its build (`dist/esm/`); in this repository from `src/`, bundled on the spot with esbuild (a fraction of a
 * second), so a run never uses a stale build. Used by `iwerp-contract` and `iwerp-fake-tenant`.
 * @param {Record<string, string[]>} parts e.g. `{ "src/index": ["createChatClient"] }`.
 * @returns {Promise<Record<string, any>>}
 */
export async function loadParts(parts) {
  const entries = Object.entries(parts);
  if (!inRepository()) {
    const url = (/** @type {string} */ part) => pathToFileURL(path.join(PACKAGE_ROOT, "dist", "esm", `${part}.js`)).href;
    const modules = await Promise.all(entries.map(([part]) => import(url(part))));
    return Object.fromEntries(entries.flatMap(([, names], i) => names.map((name) => [name, modules[i][name]])));
  }
  const esbuild = await import("esbuild");
  try {
    const result = await esbuild.build({
      stdin: {
        contents: entries.map(([part, names]) => `export { ${names.join(", ")} } from "./${part}.${part.startsWith("src/") ? "ts" : "js"}";\n`).join(""),
        resolveDir: PACKAGE_ROOT,
        sourcefile: "package-parts.ts",
        loader: "ts",
      },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0]?.text ?? "").toString("base64")}`);
  } finally {
    // Its service process is not needed any more; stopped, it cannot hold the exit back after a signal.
    await esbuild.stop();
  }
}
