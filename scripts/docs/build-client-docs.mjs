// @ts-check
/**
 * The client's own API reference, beside the HTTP one: TypeDoc (on TypeScript 5.9, the `typescript` package) renders
 * every public export of `iwerp-chat-client` and `iwerp-chat-client/testing` (functions, resource classes and their
 * methods with their `@example`s, option types, error classes) as static HTML in `docs-build/client/`. Its theme ships
 * its scripts, styles and search index in the folder: nothing is loaded from elsewhere, so it works offline. Its
 * header links to the HTTP reference (`../index.html`), which links back.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "../lib/paths.mjs";

/** The folder, under the HTTP reference's, that holds the client's reference. */
export const CLIENT_DIR_NAME = "client";

/**
 * The package's entry points and what a reader of each finds there.
 */
const ENTRY_POINTS = [path.join(ROOT, "src", "index.ts"), path.join(ROOT, "src", "testing", "index.ts")];

/**
 * Builds the client's reference into `outDir` (emptied first).
 * @param {{ outDir: string }} options
 * @returns {Promise<{ dir: string, files: string[], warnings: string[] }>} the folder, every file in it (relative,
 * with `/`), and TypeDoc's warnings.
 * @throws {Error} when TypeDoc reports an error (a broken entry point, a type error in src/).
 */
export async function buildClientDocs({ outDir }) {
  // Imported here: TypeDoc loads the TypeScript compiler, which only `npm run docs` needs.
  const { Application, LogLevel } = await import("typedoc");
  await rm(outDir, { recursive: true, force: true });
  /** @type {string[]} */
  const warnings = [];
  /** @type {string[]} */
  const errors = [];
  const app = await Application.bootstrapWithPlugins({
    name: "iwerp-chat-client",
    entryPoints: ENTRY_POINTS,
    entryPointStrategy: "resolve",
    tsconfig: path.join(ROOT, "tsconfig.build.json"),
    readme: "none",
    excludePrivate: true,
    excludeInternal: true,
    // Source links would point at a Git host; the reference stays offline and self-contained.
    disableSources: true,
    hideGenerator: true,
    githubPages: false,
    navigationLinks: { "HTTP API reference": "../index.html" },
    logLevel: LogLevel.Warn,
    // The package's entries by their import paths, as an app writes them.
    plugin: [],
  });
  app.logger.log = (message, level) => {
    const text = typeof message === "string" ? message : String(message);
    if (level === LogLevel.Error) errors.push(text);
    else if (level === LogLevel.Warn) warnings.push(text);
  };
  const project = await app.convert();
  if (!project || errors.length > 0) throw new Error(`TypeDoc could not convert src/:\n${errors.join("\n")}`);
  await app.generateDocs(project, outDir);
  if (errors.length > 0) throw new Error(`TypeDoc could not write the client reference:\n${errors.join("\n")}`);
  return { dir: outDir, files: await listFiles(outDir), warnings };
}

/**
 * Every file under `dir`, relative to it, with `/` as the separator.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}
