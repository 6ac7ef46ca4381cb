// @ts-check
/**
 * The matrix's end-to-end case: the built package's `serveFakeTenant` on one port of 127.0.0.1 and a web app
 * (`browser-app-page.mjs`) on another, so every call crosses origins. Chromium opens the app, which lists room 42;
 * the runner adds a name through the form. Each step is a case; the fake's state and request log confirm the page.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runPage } from "./browser.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE = `<!doctype html><meta charset="utf-8"><title>Room 42</title>
<ul id="participants"></ul>
<form id="add"><input id="name" aria-label="First name"><button>Add</button></form>
<p id="status">loading</p>
<script type="module" src="app.mjs"></script>`;

/**
 * Runs the app in headless Chromium against a fake tenant within `limitMs`.
 * @param {{ entry: string, testingEntry: string, limitMs: number }} options the built package's ESM entries, as paths.
 * @returns {Promise<import("./browser.mjs").BrowserRun>}
 */
export async function runAppInChromium({ entry, testingEntry, limitMs }) {
  /** @type {{ url: string, close(): Promise<void> } | undefined} */
  let fake;
  try {
    return await runPage({ html: PAGE, entry, scripts: { "/app.mjs": path.join(HERE, "browser-app-page.mjs") }, limitMs }, async (page, origin) => {
      const { createFakeTenant, serveFakeTenant } = await import(pathToFileURL(testingEntry).href);
      const tenant = createFakeTenant();
      const served = /** @type {{ url: string, close(): Promise<void> }} */ (await serveFakeTenant(tenant));
      fake = served;
      /** @type {string[]} */
      const pageErrors = [];
      page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
      await page.goto(`${origin}/index.html?${new URLSearchParams({ api: served.url, token: tenant.sessionToken })}`);
      /** @type {import("./smoke-cases.mjs").CaseResult[]} */
      const results = [];
      /**
       * Waits for `#status` to read `expected` or a failure; the case passes if it is `expected`, nothing threw and
       * `confirm` finds nothing wrong.
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
        new URL(served.url).origin === origin ? "the app and the fake share an origin: CORS is not exercised" : names.join() !== "Ada" ? "Ada is not listed" : undefined,
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
    });
  } finally {
    await fake?.close();
  }
}
