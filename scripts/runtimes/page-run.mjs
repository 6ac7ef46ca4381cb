// @ts-check
/**
 * The browser columns' common part: the built client bundled for browsers, a page served with it, and headless
 * Chromium (Debian's, driven by playwright-core; never a browser download) on that page, all closed again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { launchChromium } from "../lib/chromium.mjs";
import { serveFiles } from "../lib/serve-files.mjs";

/**
 * What a browser run found.
 * @typedef {object} BrowserRun
 * @property {string} version Chromium's version, or `?` when it did not start.
 * @property {import("./smoke-cases.mjs").CaseResult[] | undefined} results `undefined` when the page never reported.
 * @property {string} [failure] why there are no results.
 */

/**
 * Bundles `entry` (the built package's ESM entry, a path) as `/client.js`, serves it with `html` as `/index.html` and
 * `scripts` (path → file) on 127.0.0.1 with the CSP of a strict site (scripts from this origin only, no code made
 * from text), and hands a page of a fresh headless Chromium to `session`, which opens the page and returns its cases;
 * `limitMs` bounds the browser's part. The bundle and the browser profile live in a temporary folder that is removed
 * afterwards.
 * @param {{ html: string, entry: string, scripts: Record<string, string>, limitMs: number }} options
 * @param {(page: import("playwright-core").Page, origin: string) => Promise<import("./smoke-cases.mjs").CaseResult[]>} session
 * @returns {Promise<BrowserRun>}
 */
export async function runPage({ html, entry, scripts, limitMs }, session) {
  const temp = await mkdtemp(path.join(os.tmpdir(), "iwerp-runtimes-"));
  /** @type {import("../lib/chromium.mjs").Browser | undefined} */
  let browser;
  /** @type {import("../lib/serve-files.mjs").FileServer | undefined} */
  let server;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let version = "?";
  try {
    const bundle = path.join(temp, "client.js");
    await build({ entryPoints: [entry], outfile: bundle, bundle: true, format: "esm", platform: "browser", minify: true, logLevel: "silent" });
    const routes = Object.fromEntries(Object.entries(scripts).map(([at, file]) => [at, { file }]));
    server = await serveFiles({ ...routes, "/index.html": { text: html }, "/client.js": { file: bundle } }, { headers: { "content-security-policy": "script-src 'self'" } });
    const { origin } = server;
    const running = (async () => {
      browser = await launchChromium();
      // The full version: the user agent string shows only the major one (`Chrome/156.0.0.0`).
      version = browser.context.browser()?.version() ?? "?";
      return session(browser.context.pages()[0] ?? (await browser.context.newPage()), origin);
    })();
    running.catch(() => {}); // raced below; a failure after the time limit is of no interest
    /** @type {Promise<never>} */
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${limitMs / 1000} s`)), limitMs);
    });
    const results = await Promise.race([running, limit]);
    return { version, results };
  } catch (error) {
    // esbuild puts the reasons on the lines after its first.
    const message = error instanceof Error ? error.message : String(error);
    return { version, results: undefined, failure: message.split("\n").filter(Boolean).slice(0, 3).join(" | ") };
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.close();
    await rm(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}
