#!/usr/bin/env node
// @ts-check
/**
 * `npm run docs` (see README.md here) into `docs-build/` (git-ignored). Redoc's script and the spec are inlined, so the
 * page works offline and sends no telemetry; `template.hbs` adds a CSP that lets it connect to no host.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "yaml";
import { BIN_DIR, ROOT } from "../lib/paths.mjs";
import { bundleSpec, REDOCLY_ENV } from "../lib/redocly.mjs";
import { run } from "../lib/run.mjs";
import { specOperations } from "../lib/spec.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DOCS_DIR = path.join(ROOT, "docs-build");
/** Redocly's default template plus the Content-Security-Policy. */
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

/** Runs `redocly <args>` in the repository; rejects with Redocly's report. @param {string[]} args */
async function redocly(args) {
  const result = await run(path.join(BIN_DIR, "redocly"), args, { cwd: ROOT, env: REDOCLY_ENV });
  // Drop the boxed banners (e.g. Node.js 20's end of life) from the report.
  const report = result.output.split("\n").filter((line) => !/[║╔╚]/.test(line)).join("\n").trim();
  if (result.code !== 0) throw new Error(`redocly ${args[0]} failed:\n${report}`);
}

const CLIENT_DIR_NAME = "client";
const ENTRY_POINTS = [path.join(ROOT, "src", "index.ts"), path.join(ROOT, "src", "testing", "index.ts")];

/**
 * Builds the client's reference into `outDir` (emptied first): TypeDoc (TypeScript 5.9) renders every public export
 * of the main and `testing` entries as static HTML with its own search index, linking to `../index.html`.
 * @param {{ outDir: string }} options
 * @returns {Promise<{ dir: string, files: string[], warnings: string[] }>} the folder, its files (relative, with `/`),
 *   TypeDoc's warnings; rejects when TypeDoc reports an error.
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
 * What `buildDocs` wrote (absolute paths; the client's files relative to the page's folder).
 * @typedef {{ page: string, spec: string, bytes: number, gzipBytes: number, operations: number, ms: number,
 *   client: { dir: string, files: string[], warnings: string[] } }} BuiltDocs
 */

/**
 * Bundles the spec and builds both references from it, writing only `index.html`, `openapi.yaml` and `client/` into
 * `docs-build/`; rejects when the spec cannot be bundled, Redocly or TypeDoc fails.
 * @returns {Promise<BuiltDocs>}
 */
export async function buildDocs() {
  const started = performance.now();
  const bundled = await bundleSpec();
  await mkdir(DOCS_DIR, { recursive: true });
  const spec = path.join(DOCS_DIR, "openapi.yaml");
  const page = path.join(DOCS_DIR, "index.html");
  await writeFile(spec, bundled);
  // The two references are built side by side: Redocly in its own process, TypeDoc in this one.
  const [, client] = await Promise.all([
    redocly(["build-docs", spec, "--inlineBundle", "--template", TEMPLATE, "--output", page]),
    buildClientDocs({ outDir: path.join(DOCS_DIR, CLIENT_DIR_NAME) }),
  ]);
  const html = (await readFile(page, "utf8")).replace(CDN_LOGO, (_, full) => inlineLogo(Boolean(full)));
  await writeFile(page, html);
  return {
    client: { ...client, files: client.files.map((file) => `${CLIENT_DIR_NAME}/${file}`) },
    page,
    spec,
    bytes: Buffer.byteLength(html),
    gzipBytes: gzipSync(html).length,
    operations: specOperations(parse(bundled)).length,
    ms: performance.now() - started,
  };
}

/** Where the references are and how big: the lines `npm run docs` and `npm run test:docs` print. @param {BuiltDocs} built */
export function describeBuild(built) {
  const shown = (/** @type {string} */ file) => path.relative(process.cwd(), file) || file;
  const formatSize = (/** @type {number} */ bytes) =>
    `${bytes.toLocaleString("en-US")} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB)`;
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
  buildDocs().then(
    (built) => console.log(describeBuild(built)),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
