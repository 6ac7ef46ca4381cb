// @ts-check
/**
 * The browser column of the matrix: bundles the built client for browsers with esbuild, serves it with
 * the smoke cases from a page on 127.0.0.1, and runs them in headless Chromium (Debian's, driven by
 * playwright-core; never a browser download). The page's origin differs from the API server's, so every
 * call goes through a real CORS preflight, and the page forbids code made from text (a strict CSP), so the
 * client checks responses there without compiling them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../lib/chromium.mjs";
import { servePage } from "./page-server.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE = `<!doctype html><meta charset="utf-8"><title>iwerp-chat-client smoke</title><script type="module" src="browser-driver.mjs"></script>`;

/**
 * What the browser run found.
 * @typedef {object} BrowserRun
 * @property {string} version Chromium's version, or `?` when it did not start.
 * @property {import("./smoke-cases.mjs").CaseResult[] | undefined} results `undefined` when the page never reported.
 * @property {string} [failure] why there are no results.
 */

/**
 * Bundles `entry`, runs the smoke cases in headless Chromium and closes everything again, within
 * `limitMs` for the browser's part. The bundle and the browser profile (a fresh user-data-dir) live in a
 * temporary folder that is removed afterwards.
 * @param {{ entry: string, api: string, refused: string, token: string, limitMs: number }} options
 * `entry` is the built package's ESM entry (a path).
 * @returns {Promise<BrowserRun>}
 */
export async function runInChromium({ entry, api, refused, token, limitMs }) {
  const temp = await mkdtemp(path.join(os.tmpdir(), "iwerp-runtimes-"));
  /** @type {import("playwright-core").BrowserContext | undefined} */
  let context;
  /** @type {import("node:http").Server | undefined} */
  let server;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let version = "?";
  try {
    const bundle = path.join(temp, "client.js");
    await build({ entryPoints: [entry], outfile: bundle, bundle: true, format: "esm", platform: "browser", minify: true, logLevel: "silent" });
    const served = await servePage(PAGE, {
      "/client.js": { file: bundle, type: "text/javascript" },
      "/smoke-cases.mjs": { file: path.join(HERE, "smoke-cases.mjs"), type: "text/javascript" },
      "/browser-driver.mjs": { file: path.join(HERE, "browser-driver.mjs"), type: "text/javascript" },
    });
    server = served.server;
    const { port } = served;

    const session = async () => {
      context = await chromium.launchPersistentContext(path.join(temp, "profile"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      // The full version: the user agent string shows only the major one (`Chrome/156.0.0.0`).
      version = context.browser()?.version() ?? "?";
      const page = context.pages()[0] ?? (await context.newPage());
      /** @type {(results: import("./smoke-cases.mjs").CaseResult[]) => void} */
      let deliver = () => {};
      /** @type {(error: Error) => void} */
      let fail = () => {};
      /** @type {Promise<import("./smoke-cases.mjs").CaseResult[]>} */
      const reported = new Promise((resolve, reject) => {
        deliver = resolve;
        fail = reject;
      });
      reported.catch(() => {}); // awaited below; this only keeps a late page error from crashing the runner
      await page.exposeFunction("reportSmoke", (/** @type {string} */ json) => deliver(JSON.parse(json)));
      // A module that fails to load or throws never reports; say why instead of waiting for the limit.
      page.on("pageerror", (error) => fail(new Error(`the page threw ${error.name}: ${error.message}`)));
      const query = new URLSearchParams({ api, refused, token });
      await page.goto(`http://127.0.0.1:${port}/index.html?${query}`);
      return reported;
    };
    /** @type {Promise<never>} */
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${limitMs / 1000} s`)), limitMs);
    });
    const running = session();
    running.catch(() => {}); // raced below; a failure after the time limit is of no interest
    const results = await Promise.race([running, limit]);
    return { version, results };
  } catch (error) {
    // esbuild puts the reasons on the lines after its first.
    const message = error instanceof Error ? error.message : String(error);
    return { version, results: undefined, failure: message.split("\n").filter(Boolean).slice(0, 3).join(" | ") };
  } finally {
    clearTimeout(timer);
    // A browser that hangs must not hang the run: closing is given a few seconds, then left to
    // playwright, which kills the browser when this process exits.
    if (context) await Promise.race([context.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (server) {
      server.closeAllConnections();
      server.close();
    }
    await rm(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}
