#!/usr/bin/env node
// @ts-check
/**
 * `npm run docs [-- --out DIR]`: the API reference as ONE self-contained HTML page (default
 * `docs-build/index.html`, git-ignored), built by Redocly's `build-docs` from the spec bundle, which is
 * kept beside it (`openapi.yaml`), and the client's reference (TypeDoc, `docs-build/client/`); each links to the other. Redoc's script and the spec are inlined (`--inlineBundle`), so the page
 * loads nothing from a CDN, works offline (from file:// too) and sends no telemetry; its template
 * (`template.hbs`) adds a Content-Security-Policy that lets it connect to no host. Needs no network.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { parse } from "yaml";
import { BIN_DIR, ROOT } from "../lib/paths.mjs";
import { bundleSpec, REDOCLY_ENV } from "../lib/redocly.mjs";
import { run } from "../lib/run.mjs";
import { documentedOperations } from "./spec-operations.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Where `npm run docs` writes the page and the spec bundle it shows (git-ignored). */
export const DOCS_DIR = path.join(ROOT, "docs-build");
/** The page's template: Redocly's default plus the Content-Security-Policy. */
const TEMPLATE = path.join(HERE, "template.hbs");

/**
 * Redoc's "API docs by Redocly" link in the sidebar shows a logo from Redocly's CDN (cdn.redoc.ly), the one
 * thing `--inlineBundle` leaves online. It becomes an inline SVG wordmark; the link and its text stay.
 */
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;

/**
 * @param {boolean} full the wordmark (open sidebar) rather than the mark (collapsed sidebar)
 * @returns {string} a `data:` URL, safe inside the script's template literals (no backtick, no `${`).
 */
function inlineLogo(full) {
  const svg = full
    ? `<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14" viewBox="0 0 52 14"><text x="0" y="11" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044d4">Redocly</text></svg>`
    : `<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14"><rect width="14" height="14" rx="3" fill="#0044d4"/><text x="7" y="11" font-family="sans-serif" font-size="10" font-weight="700" fill="#fff" text-anchor="middle">R</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * Runs `redocly <args>` in the repository.
 * @param {string[]} args
 * @returns {Promise<void>} rejects with Redocly's report.
 */
async function redocly(args) {
  const result = await run(path.join(BIN_DIR, "redocly"), args, { cwd: ROOT, env: REDOCLY_ENV });
  // Drop the boxed banners (e.g. Node.js 20's end of life) from the report.
  const report = result.output.split("\n").filter((line) => !/[║╔╚]/.test(line)).join("\n").trim();
  if (result.code !== 0) throw new Error(`redocly ${args[0]} failed:\n${report}`);
}

/** The folder, under the HTTP reference's, that holds the client's reference. */
const CLIENT_DIR_NAME = "client";
/** The package's entry points the client's reference shows. */
const ENTRY_POINTS = [path.join(ROOT, "src", "index.ts"), path.join(ROOT, "src", "testing", "index.ts")];

/**
 * Builds the client's own reference into `outDir` (emptied first): TypeDoc (on TypeScript 5.9) renders every public
 * export of `iwerp-chat-client` and `iwerp-chat-client/testing` as static HTML that ships its scripts, styles and
 * search index, so it works offline; its header links to the HTTP reference (`../index.html`), which links back.
 * @param {{ outDir: string }} options
 * @returns {Promise<{ dir: string, files: string[], warnings: string[] }>} the folder, every file in it (relative,
 * with `/`), and TypeDoc's warnings.
 * @throws {Error} when TypeDoc reports an error (a broken entry point, a type error in src/).
 */
async function buildClientDocs({ outDir }) {
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
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  return { dir: outDir, files, warnings };
}

/**
 * What `buildDocs` wrote.
 * @typedef {object} BuiltDocs
 * @property {string} page the HTML page (absolute path)
 * @property {string} spec the spec bundle the page shows (absolute path)
 * @property {number} bytes the page's size
 * @property {number} gzipBytes the page's size gzipped (as a web server would send it)
 * @property {number} operations how many operations the page documents
 * @property {{ dir: string, files: string[], warnings: string[] }} client the client's reference (TypeDoc):
 *   its folder, its files (relative to the HTTP reference's folder) and TypeDoc's warnings
 * @property {number} ms how long the build took
 */

/**
 * Bundles the spec in openapi/ (as `npm run generate` does) and builds the offline API reference from it, and
 * the client's reference beside it. Writes only `index.html`, `openapi.yaml` and `client/` into `outDir`.
 * @param {{ outDir?: string }} [options] `outDir`: where to write (default `docs-build/`).
 * @returns {Promise<BuiltDocs>}
 * @throws {Error} when the spec cannot be bundled or Redocly fails.
 * @example
 * const { page, bytes } = await buildDocs();
 */
export async function buildDocs({ outDir = DOCS_DIR } = {}) {
  const started = performance.now();
  const bundled = await bundleSpec();
  await mkdir(outDir, { recursive: true });
  const spec = path.join(outDir, "openapi.yaml");
  const page = path.join(outDir, "index.html");
  await writeFile(spec, bundled);
  // The two references are built side by side: Redocly in its own process, TypeDoc in this one.
  const [, client] = await Promise.all([
    redocly(["build-docs", spec, "--inlineBundle", "--template", TEMPLATE, "--output", page]),
    buildClientDocs({ outDir: path.join(outDir, CLIENT_DIR_NAME) }),
  ]);
  const html = (await readFile(page, "utf8")).replace(CDN_LOGO, (_, full) => inlineLogo(Boolean(full)));
  await writeFile(page, html);
  return {
    client: { ...client, files: client.files.map((file) => `${CLIENT_DIR_NAME}/${file}`) },
    page,
    spec,
    bytes: Buffer.byteLength(html),
    gzipBytes: gzipSync(html).length,
    operations: documentedOperations(parse(bundled)).length,
    ms: performance.now() - started,
  };
}

/**
 * @param {number} bytes
 * @returns {string} e.g. `2,612,345 bytes (2.49 MiB)`
 */
export function formatSize(bytes) {
  return `${bytes.toLocaleString("en-US")} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB)`;
}

/**
 * Prints where the page is and how big; the lines `npm run docs` and `npm run test:docs` show.
 * @param {BuiltDocs} built
 */
export function describeBuild(built) {
  const shown = (/** @type {string} */ file) => path.relative(process.cwd(), file) || file;
  return [
    `API reference: ${shown(built.page)} (${built.operations} operations), built in ${(built.ms / 1000).toFixed(1)} s`,
    `  size: ${formatSize(built.bytes)}, gzipped ${formatSize(built.gzipBytes)}`,
    `  spec bundle it shows: ${shown(built.spec)}`,
    `  open offline: ${pathToFileURL(built.page).href}`,
    `client reference (TypeDoc): ${shown(path.join(built.client.dir, "index.html"))} (${built.client.files.length} files, ${built.client.warnings.length} warnings)`,
    ...built.client.warnings.map((warning) => `  warning: ${warning}`),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  buildDocs({ outDir: values.out ? path.resolve(values.out) : undefined }).then(
    (built) => console.log(describeBuild(built)),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
