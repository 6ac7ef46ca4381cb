// @ts-check
/**
 * The browser column of the matrix: the smoke cases on a page of 127.0.0.1 in headless Chromium (`page-run.mjs`).
 * The page's origin differs from the API server's, so every call goes through a real CORS preflight, and the page
 * forbids code made from text (a strict CSP), so the client checks responses there without compiling them.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPage } from "./page-run.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE = `<!doctype html><meta charset="utf-8"><title>iwerp-chat-client smoke</title><script type="module" src="browser-driver.mjs"></script>`;

/**
 * Runs the smoke cases in headless Chromium against `api` and closes everything again, within `limitMs` for the
 * browser's part.
 * @param {{ entry: string, api: string, refused: string, token: string, limitMs: number }} options
 * `entry` is the built package's ESM entry (a path).
 * @returns {Promise<import("./page-run.mjs").BrowserRun>}
 */
export function runInChromium({ entry, api, refused, token, limitMs }) {
  const scripts = { "/smoke-cases.mjs": path.join(HERE, "smoke-cases.mjs"), "/browser-driver.mjs": path.join(HERE, "browser-driver.mjs") };
  return runPage({ html: PAGE, entry, scripts, limitMs }, (page, origin) =>
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
