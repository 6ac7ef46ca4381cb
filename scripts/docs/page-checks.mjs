// @ts-check
/** The checks `npm run test:docs` makes of both references, as a reader finds things: by links and by search. */

/** @typedef {import("playwright-core").Page} Page */

/** How long an operation may take to appear after a click, and the rest of it once its heading is there. */
const APPEAR_MS = 10_000;
const SETTLE_MS = 3_000;
/** How long a search result or page of the client reference may take to appear on a loaded machine. */
const WAIT_MS = 15_000;

/** The page's HTML outside its scripts must load nothing, keep its CSP and turn Redoc's telemetry off. @param {string} html */
export function staticProblems(html) {
  const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1</script>");
  const problems = [];
  for (const [, tag] of markup.matchAll(/(<script\b[^>]*\bsrc\s*=[^>]*>)/gi)) problems.push(`the page loads a script: ${tag}`);
  for (const [, tag] of markup.matchAll(/(<link\b[^>]*\bhref\s*=[^>]*>)/gi)) problems.push(`the page links a resource: ${tag}`);
  if (!/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(markup)) {
    problems.push("the page has lost its Content-Security-Policy (scripts/docs/template.hbs)");
  }
  if (!html.includes('"disableTelemetry":true')) {
    problems.push("Redoc's options lack disableTelemetry: true (set by REDOCLY_TELEMETRY=off in build-docs.mjs and `telemetry: off` in redocly.yaml)");
  }
  if (html.includes("https://cdn.redoc.ly/")) problems.push("the page still refers to cdn.redoc.ly (see CDN_LOGO in scripts/docs/build-docs.mjs)");
  return problems;
}

/** @param {string} text @returns {string} `text` with the characters a regular expression gives meaning to escaped. */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * An operation is laid out in rows of a middle panel (text, field tables) and a right panel (samples); the
 * request's and the responses' rows are known by their deep-link anchors (`…/request`, `…/responses`).
 * @param {"request" | "response"} part
 * @returns {string} a selector of that part's middle panel; `+ [data-testid="right-panel"]` is its samples.
 */
function blockOf(part) {
  return `[data-testid="middle-panel"]:has([id$="/${part === "request" ? "request" : "responses"}"])`;
}

/**
 * Opens one operation as a reader does (its sidebar group, then it) and checks that its summary, a field of each
 * body's table and a value of each body's example are visible.
 * @param {Page} page showing the reference
 * @param {import("./spec-operations.mjs").DocumentedOperation} operation
 * @returns {Promise<{ problems: string[], shown: string[] }>} what is missing, and what was seen.
 */
export async function checkOperation(page, operation) {
  const { operationId, tag, summary } = operation;
  if (!operationId) return { problems: ["has no operationId, so the reference has no link to it"], shown: [] };
  if (!summary) return { problems: ["has no summary"], shown: [] };
  const menu = page.locator('[data-component-name="Menu/Menu"]').first();
  // Selectors take the operationId as a CSS string literal, which JSON.stringify writes.
  const link = menu.locator(`a[href$=${JSON.stringify(`/${operationId}`)}]`).first();
  try {
    if (tag && !(await link.isVisible())) await menu.getByRole("link", { name: tag, exact: true }).first().click({ timeout: APPEAR_MS });
    await link.click({ timeout: APPEAR_MS });
  } catch {
    return { problems: [`is not in the sidebar${tag ? ` under "${tag}"` : ""}`], shown: [] };
  }
  const section = page.locator(`[data-section-id$=${JSON.stringify(`/${operationId}`)}]`).first();
  /** @type {{ what: string, locator: import("playwright-core").Locator }[]} */
  const expected = [
    // The heading's accessible name also holds its deep link's label, so match its text instead.
    { what: `summary "${summary}"`, locator: section.locator("h1, h2", { hasText: new RegExp(`^\\s*${escapeRegExp(summary)}\\s*$`) }) },
    ...operation.fields.map((field) => ({
      what: `${field.in} field ${field.name}`,
      locator: section.locator(blockOf(field.in)).getByText(field.name, { exact: true }),
    })),
    ...operation.examples.map((example) => ({
      what: `${example.in} example value ${example.text}`,
      locator: section.locator(`${blockOf(example.in)} + [data-testid="right-panel"]`).getByText(example.text, { exact: true }),
    })),
  ];
  const problems = [];
  const shown = [];
  for (const [index, { what, locator }] of expected.entries()) {
    try {
      await locator.first().waitFor({ state: "visible", timeout: index === 0 ? APPEAR_MS : SETTLE_MS });
      shown.push(what);
    } catch {
      problems.push(`${what} is not visible`);
    }
  }
  return { problems, shown };
}

/**
 * The problems found searching the reference (offline, in the page) for an operation's summary: a result must link to it.
 * @param {Page} page showing the reference
 * @param {import("./spec-operations.mjs").DocumentedOperation} operation
 */
export async function checkSearch(page, operation) {
  try {
    await page.getByTestId("search-trigger").click({ timeout: APPEAR_MS });
    await page.keyboard.type(operation.summary);
    const hit = page.getByTestId("search-dialog").locator(`a[href$=${JSON.stringify(`/${operation.operationId}`)}]`);
    await hit.first().waitFor({ state: "visible", timeout: APPEAR_MS });
    await page.keyboard.press("Escape");
    return [];
  } catch {
    return [`searching for "${operation.summary}" finds no link to ${operation.operationId}`];
  }
}

/**
 * The problems found following the HTTP reference's link to the client reference, and the client reference's link back.
 * @param {Page} page
 * @param {string} origin the docs server's origin.
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
 * The problems found looking `name` up in the client reference's search and following the result.
 * @param {Page} page
 * @param {string} origin
 * @param {string} name e.g. `createChatClient`, `ChatroomParticipants.listAll`, `AuthenticationError`.
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
