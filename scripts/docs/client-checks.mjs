// @ts-check
/**
 * What a reader of the client reference (TypeDoc, `docs-build/client/`) must find, checked in the browser as a
 * reader finds it: from the HTTP reference's link to the client reference, then through the client reference's
 * own search box. Each export is looked up by name; the result must lead to a page that shows it (a function's or
 * class's page titled with its name; a method's section, with its signature, on its class's page).
 */
import { escapeRegExp } from "./page-checks.mjs";

/**
 * @typedef {import("playwright-core").Page} Page
 */

/** How long a search result or page may take to appear (a loaded machine), before the check says it did not. */
const WAIT_MS = 15_000;

/**
 * Follows the HTTP reference's link to the client reference, and the client reference's link back.
 * @param {Page} page on the HTTP reference.
 * @param {string} origin the docs server's origin.
 * @returns {Promise<string[]>} what is wrong, if anything.
 */
export async function checkLinks(page, origin) {
  const problems = [];
  await page.goto(`${origin}/`, { waitUntil: "load" });
  const toClient = page.locator('a[href="client/index.html"]').first();
  if ((await toClient.count()) === 0) return ["the HTTP reference has no link to the client reference (client/index.html)"];
  await toClient.click();
  await page.waitForURL(`${origin}/client/index.html`, { timeout: WAIT_MS }).catch(() => problems.push(`the link led to ${page.url()}`));
  const back = page.getByRole("link", { name: "HTTP API reference" }).first();
  if ((await back.count()) === 0) problems.push("the client reference has no link back to the HTTP API reference");
  else {
    await back.click();
    await page.waitForURL(`${origin}/index.html`, { timeout: WAIT_MS }).catch(() => problems.push(`the link back led to ${page.url()}`));
  }
  return problems;
}

/**
 * Looks `name` up in the client reference's search (`Class.method` for a method) and follows the result.
 * @param {Page} page
 * @param {string} origin the docs server's origin.
 * @param {string} name e.g. `createChatClient`, `ChatroomParticipants.listAll`, `AuthenticationError`.
 * @returns {Promise<string[]>} what is wrong, if anything.
 */
export async function checkFindable(page, origin, name) {
  const [owner, member] = name.includes(".") ? name.split(".") : [name, undefined];
  await page.goto(`${origin}/client/index.html`, { waitUntil: "load" });
  await page.locator("#tsd-search-trigger").click();
  const input = page.locator("#tsd-search-input");
  await input.fill(member ?? name);
  // A result reads "Owner.member" for a member (its parent in a span before the name), the name alone otherwise.
  const wanted = new RegExp(`(^|\\.)${escapeRegExp(member === undefined ? name : `${owner}.${member}`)}$`);
  const result = page.locator("#tsd-search-results li a").filter({ hasText: wanted }).first();
  try {
    await result.waitFor({ state: "visible", timeout: WAIT_MS });
  } catch {
    const shown = await page.locator("#tsd-search-results li").allInnerTexts();
    return [`searching "${member ?? name}" lists no ${name} (results: ${shown.slice(0, 8).join(", ") || "none"})`];
  }
  await result.click();
  if (member === undefined) {
    const title = page.locator("h1").first();
    await title.waitFor({ state: "visible", timeout: WAIT_MS }).catch(() => {});
    const text = (await title.count()) > 0 ? await title.innerText() : "";
    return new RegExp(`\\b${escapeRegExp(name)}\\b`).test(text) ? [] : [`the search result for ${name} led to a page titled "${text}" (${page.url()})`];
  }
  // The member's section on its class's page: its anchor, its heading and a signature that names it.
  const section = page.locator(`section.tsd-member:has(> h3[id="${member.toLowerCase()}"])`).first();
  try {
    await section.waitFor({ state: "visible", timeout: WAIT_MS });
  } catch {
    return [`the search result for ${name} led to ${page.url()}, which shows no section ${member}`];
  }
  const onPage = decodeURIComponent(new URL(page.url()).pathname);
  if (!onPage.includes(owner ?? "")) return [`the search result for ${name} led to ${onPage}, not to ${owner}'s page`];
  const signature = await section.locator(".tsd-signature").first().innerText().catch(() => "");
  return signature.startsWith(member) ? [] : [`${name}'s section shows no signature of ${member} (got "${signature.slice(0, 80)}")`];
}
