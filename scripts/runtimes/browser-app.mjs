// @ts-check
/**
 * The matrix's end-to-end case in the browser: a fake tenant served over HTTP by the built package's
 * `serveFakeTenant` on one port of 127.0.0.1, and a web app (`browser-app-page.mjs` with the built client bundled
 * for browsers) served from another port, so every call crosses origins (CORS, preflights). Headless Chromium
 * (Debian's, through playwright-core, as `browser.mjs`) opens the app, which lists room 42's participants; the
 * runner types a name and submits the form; the app adds the participant through the fake and lists it. Each step
 * is a case of the report; the fake's state and request log confirm what the page shows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../lib/chromium.mjs";
import { servePage } from "./page-server.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE = `<!doctype html><meta charset="utf-8"><title>Room 42</title>
<ul id="participants"></ul>
<form id="add"><input id="name" aria-label="First name"><button>Add</button></form>
<p id="status">loading</p>
<script type="module" src="app.mjs"></script>`;

/**
 * Runs the app in headless Chromium against a fake tenant and closes everything again, within `limitMs`.
 * @param {{ entry: string, testingEntry: string, limitMs: number }} options the built package's ESM entries
 *   (main and `testing`), as paths.
 * @returns {Promise<import("./browser.mjs").BrowserRun>}
 */
export async function runAppInChromium({ entry, testingEntry, limitMs }) {
  const temp = await mkdtemp(path.join(os.tmpdir(), "iwerp-browser-app-"));
  /** @type {import("playwright-core").BrowserContext | undefined} */
  let context;
  /** @type {import("node:http").Server | undefined} */
  let appServer;
  /** @type {{ url: string, close(): Promise<void> } | undefined} */
  let fake;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let version = "?";
  try {
    const { createFakeTenant, serveFakeTenant } = await import(pathToFileURL(testingEntry).href);
    const tenant = createFakeTenant();
    fake = await serveFakeTenant(tenant);
    const api = /** @type {{ url: string }} */ (fake).url;

    const bundle = path.join(temp, "client.js");
    await build({ entryPoints: [entry], outfile: bundle, bundle: true, format: "esm", platform: "browser", minify: true, logLevel: "silent" });
    const served = await servePage(PAGE, {
      "/client.js": { file: bundle, type: "text/javascript" },
      "/app.mjs": { file: path.join(HERE, "browser-app-page.mjs"), type: "text/javascript" },
    });
    appServer = served.server;
    const { port } = served;

    /** @returns {Promise<import("./smoke-cases.mjs").CaseResult[]>} */
    const session = async () => {
      context = await chromium.launchPersistentContext(path.join(temp, "profile"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      version = context.browser()?.version() ?? "?";
      const page = context.pages()[0] ?? (await context.newPage());
      /** @type {string[]} */
      const pageErrors = [];
      page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
      const query = new URLSearchParams({ api, token: tenant.sessionToken });
      await page.goto(`http://127.0.0.1:${port}/index.html?${query}`);
      /** @type {import("./smoke-cases.mjs").CaseResult[]} */
      const results = [];
      /**
       * Waits for `#status` to read `expected` (or to report a failure) and notes the case: it passes when the page
       * says `expected`, threw nothing, and `confirm` (given the names listed) finds nothing wrong.
       */
      const step = async (/** @type {string} */ name, /** @type {string} */ expected, /** @type {(names: string[]) => string | undefined} */ confirm) => {
        await page.waitForFunction((want) => {
          const text = document.getElementById("status")?.textContent ?? "";
          return text === want || text.startsWith("failed");
        }, expected);
        const status = await page.textContent("#status");
        const names = await page.locator("#participants li").allTextContents();
        const problem =
          status !== expected ? `the page says "${status}"` : pageErrors.length > 0 ? `the page threw ${pageErrors.join("; ")}` : confirm(names);
        results.push(problem ? { name, ok: false, detail: `${problem} (listed: ${names.join(", ")})` } : { name, ok: true });
      };
      await step("the app on another origin lists room 42 from the fake tenant", "listed 1", (names) =>
        new URL(api).origin === `http://127.0.0.1:${port}` ? "the app and the fake share an origin: CORS is not exercised" : names.join() !== "Ada" ? "Ada is not listed" : undefined,
      );
      await page.fill("#name", "Grace");
      await page.click("#add button");
      await step("the app adds a participant through the fake and lists it", "listed 2", (names) => {
        const stored = tenant.state.participants.map((/** @type {{ first_name?: string }} */ p) => p.first_name);
        const calls = tenant.requests.map((/** @type {{ method: string, path: string, status: number }} */ r) => `${r.method} ${r.path} ${r.status}`);
        if (names.join() !== "Ada,Grace") return "the page does not list Ada and Grace";
        if (stored.join() !== "Ada,Grace") return `the fake holds ${stored.join(", ")}`;
        if (!calls.includes("POST /api/chat/chatroom_participant 200")) return `the fake received ${calls.join("; ")}`;
        return undefined;
      });
      return results;
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
    const message = error instanceof Error ? error.message : String(error);
    return { version, results: undefined, failure: message.split("\n").filter(Boolean).slice(0, 3).join(" | ") };
  } finally {
    clearTimeout(timer);
    // As in browser.mjs: a browser that will not close is left to playwright after a few seconds.
    if (context) await Promise.race([context.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (appServer) {
      appServer.closeAllConnections();
      appServer.close();
    }
    await fake?.close();
    await rm(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}
