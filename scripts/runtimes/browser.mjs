// @ts-check
/**
 * The browser columns of the matrix: the client bundled for browsers, a page served with it on 127.0.0.1 with the CSP
 * of a strict site, and headless Chromium (Debian's, driven by playwright-core; never a browser download) on it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { launchChromium } from "../lib/chromium.mjs";
import { serveFiles } from "../lib/serve-files.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * What a browser run found: Chromium's version (`?`: it did not start), the cases' results or why there are none.
 * @typedef {{ version: string, results: import("./smoke-cases.mjs").CaseResult[] | undefined, failure?: string }} BrowserRun
 */

/**
 * Serves `entry` bundled as `/client.js`, `html` as `/index.html` and `scripts` (path → file) with `script-src 'self'`,
 * and hands a fresh headless Chromium's page to `session`, which must return its cases within `limitMs`.
 * @param {{ html: string, entry: string, scripts: Record<string, string>, limitMs: number }} options
 * @param {(page: import("playwright-core").Page, origin: string) => Promise<import("./smoke-cases.mjs").CaseResult[]>} session
 * @returns {Promise<BrowserRun>}
 */
export async function runPage({ html, entry, scripts, limitMs }, session) {
  /** @type {import("../lib/chromium.mjs").Browser | undefined} */
  let browser;
  /** @type {import("../lib/serve-files.mjs").FileServer | undefined} */
  let server;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let version = "?";
  try {
    const bundle = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", minify: true, write: false, logLevel: "silent" });
    const routes = Object.fromEntries(Object.entries(scripts).map(([at, file]) => [at, { file }]));
    const client = { text: bundle.outputFiles[0]?.text ?? "" };
    server = await serveFiles({ ...routes, "/index.html": { text: html }, "/client.js": client }, { headers: { "content-security-policy": "script-src 'self'" } });
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
  }
}

/**
 * Runs the smoke cases (`smoke-driver.mjs`) on a page of another origin than `api`, so every call is preflighted.
 * @param {{ entry: string, api: string, refused: string, token: string, limitMs: number }} options
 */
export function runInChromium({ entry, api, refused, token, limitMs }) {
  const html = `<!doctype html><meta charset="utf-8"><title>iwerp-chat-client smoke</title><script type="module" src="smoke-driver.mjs"></script>`;
  const scripts = { "/smoke-cases.mjs": path.join(HERE, "smoke-cases.mjs"), "/smoke-driver.mjs": path.join(HERE, "smoke-driver.mjs") };
  return runPage({ html, entry, scripts, limitMs }, (page, origin) =>
    /** @type {Promise<import("./smoke-cases.mjs").CaseResult[]>} */ (
      new Promise((resolve, reject) => {
        // A module that fails to load or throws never reports; say why instead of waiting for the limit.
        page.on("pageerror", (error) => reject(new Error(`the page threw ${error.name}: ${error.message}`)));
        page
          .exposeFunction("reportSmoke", (/** @type {string} */ json) => resolve(JSON.parse(json)))
          .then(() => page.goto(`${origin}/index.html?${new URLSearchParams({ api, refused, token })}`))
          .catch(reject);
      })
    ),
  );
}
