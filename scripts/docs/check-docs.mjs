#!/usr/bin/env node
// @ts-check
/**
 * `npm run test:docs` (see README.md here): fails when the page reached for another host, threw or logged an error, or
 * lacks what page-checks.mjs looks for. Screenshots go to `reports/docs/` (git-ignored). Exit code 1 if any failed.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { ROOT } from "../lib/paths.mjs";
import { buildDocs, describeBuild } from "./build-docs.mjs";
import { ensureChromium, launchChromium } from "../lib/chromium.mjs";
import { serveFiles } from "../lib/serve-files.mjs";
import { clientExports } from "./client-exports.mjs";
import { checkFindable, checkLinks, checkOperation, checkSearch, staticProblems } from "./page-checks.mjs";
import { documentedOperations } from "./spec-operations.mjs";

const REPORT_DIR = path.join(ROOT, "reports", "docs");
/** The whole check, browser install included, must end within this. */
const LIMIT_MS = 20 * 60_000;

const shown = (/** @type {string} */ file) => path.relative(process.cwd(), file) || file;

/** Runs the check and prints its report. @returns {Promise<number>} how many checks failed. */
async function main() {
  await ensureChromium();
  const built = await buildDocs();
  console.log(describeBuild(built));
  const spec = parse(await readFile(built.spec, "utf8"));
  const operations = documentedOperations(spec);
  const html = await readFile(built.page, "utf8");

  let passed = 0;
  /** @type {string[]} */
  const failures = [];
  /** Counts one check and prints its line: `ok` when there are no `problems`, else `name` and the problems. */
  const note = (/** @type {string} */ ok, /** @type {string} */ name, /** @type {string[]} */ problems) => {
    if (problems.length === 0) {
      passed++;
      console.log(`  ok    ${ok}`);
    } else {
      failures.push(`${name}: ${problems.join("; ")}`);
      console.log(`  FAIL  ${name}: ${problems.join("; ")}`);
    }
  };
  const pageProblems = staticProblems(html);
  if (operations.length === 0) pageProblems.push(`the spec bundle ${shown(built.spec)} has no operations`);

  // Requests off the docs server (blocked), loads the page's CSP stopped, code from strings it stopped (`eval`,
  // which loads nothing), uncaught exceptions and console errors.
  const [offsite, refused, refusedCode, errors] = /** @type {[string[], string[], string[], string[]]} */ ([[], [], [], []]);
  const screenshot = (/** @type {string} */ name) => path.join(REPORT_DIR, `${name}.png`);
  await mkdir(REPORT_DIR, { recursive: true });

  const pictured = operations.find((op) => op.fields.length > 1 && op.examples.length > 1) ?? operations[0];
  const dir = path.dirname(built.page);
  const files = [path.basename(built.page), path.basename(built.spec), ...built.client.files];
  const server = await serveFiles(Object.fromEntries(files.map((name) => [`/${name}`, { file: path.join(dir, name) }])));
  const browser = await launchChromium();
  try {
    const { context } = browser;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === server.origin) return route.continue();
      offsite.push(`${route.request().method()} ${url}`);
      return route.abort("blockedbyclient");
    });
    await context.routeWebSocket(/.*/, (socket) => {
      offsite.push(`WebSocket ${socket.url()}`);
      return socket.close();
    });
    await context.exposeBinding("reportCspViolation", (_, /** @type {string} */ directive, /** @type {string} */ blocked) => {
      // A URL was to be loaded; "eval", "inline" and the like are code, not requests.
      (/^[a-z][a-z\d+.-]*:/i.test(blocked) ? refused : refusedCode).push(`${directive} refused ${blocked || "(none)"}`);
    });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        /** @type {any} */ (window).reportCspViolation(event.effectiveDirective, event.blockedURI);
      });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => errors.push(`uncaught ${error.name}: ${error.message}`));
    page.on("console", (message) => void (message.type() === "error" && errors.push(`console error: ${message.text()}`)));

    await page.goto(`${server.origin}/`, { waitUntil: "load" });
    const version = await page.evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? "?");
    console.log(`\nChromium ${version}, page served at ${server.origin}/`);
    const title = String(spec.info?.title ?? "");
    try {
      await page.getByRole("heading", { level: 1, name: title }).first().waitFor({ state: "visible", timeout: 15_000 });
      await page.locator('[data-component-name="Menu/Menu"]').first().waitFor({ state: "visible", timeout: 15_000 });
    } catch {
      pageProblems.push(`the reference did not appear: no heading "${title}" and sidebar within 15 s`);
    }
    // The search box reads "Loading..." until its index is built; the first screen is pictured once it is ready.
    await page.getByTestId("search-trigger").filter({ hasNotText: /loading/i }).waitFor({ timeout: 15_000 }).catch(() => {});
    await page.screenshot({ path: screenshot("overview") });

    for (const operation of operations) {
      const { problems, shown: seen } = await checkOperation(page, operation);
      const name = `${operation.method} ${operation.path} (${operation.operationId || "no operationId"})`;
      if (operation === pictured) await page.screenshot({ path: screenshot("operation") });
      note(`${name}: ${seen.join(", ")}`, name, problems);
    }
    const searched = operations.at(-1);
    note(`search finds "${searched?.summary}"`, "search", searched ? await checkSearch(page, searched) : []);
    note("the HTTP reference links to the client reference, and back", "links between the references", await checkLinks(page, server.origin));
    const exported = clientExports();
    for (const [kind, names] of /** @type {const} */ ([["function", exported.functions], ["method", exported.methods], ["error class", exported.errors]])) {
      const missing = [];
      for (const name of names) missing.push(...(await checkFindable(page, server.origin, name)));
      note(`client reference: each ${kind} found by its search (${names.join(", ")})`, `client reference, ${kind}s`, missing);
    }
    await page.goto(`${server.origin}/client/classes/iwerp-chat-client.ChatroomParticipants.html#add`, { waitUntil: "load" });
    await page.screenshot({ path: screenshot("client") });
    // Requests sent on leaving the page (beacons, a last flush of telemetry) must be counted too.
    await page.goto("about:blank");
  } finally {
    await browser.close();
    await server.close();
  }

  const offline = [...offsite.map((line) => `request to another host: ${line}`), ...refused.map((line) => `blocked by the CSP: ${line}`)];
  note("offline (no request to another host)", "offline", offline);
  note("page (markup, no errors)", "page", [...pageProblems, ...errors]);
  console.log(`\nnon-local requests attempted: ${offsite.length} (blocked), loads refused by the CSP: ${refused.length}`);
  if (refusedCode.length > 0) {
    // Redoc's search (FlexSearch) probes `Function(...)` to decide on a worker; refused, it searches on the page.
    console.log(`code from strings the CSP refused (no request; search then runs without a worker): ${refusedCode.join(", ")}`);
  }
  console.log(`screenshots: ${shown(screenshot("overview"))}, ${shown(screenshot("operation"))} (${pictured?.operationId ?? "-"}), ${shown(screenshot("client"))}`);
  if (failures.length > 0) console.error(`\nThe API reference check failed:\n${failures.map((line) => `  - ${line}`).join("\n")}`);
  console.log(`\ndocs: ${passed} passed, ${failures.length} failed`);
  return failures.length;
}

const limit = setTimeout(() => {
  console.error(`\nThe API reference check did not finish within ${LIMIT_MS / 60_000} minutes.`);
  process.exit(1);
}, LIMIT_MS);
limit.unref();
main().then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (error) => {
    console.error(`The API reference check could not run: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  },
);
