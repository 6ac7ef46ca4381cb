// @ts-check
/** The checks `npm run test:docs` makes of the built API reference: of its HTML, and of each operation as Chromium shows it. */

/** How long an operation may take to appear after a click. */
const APPEAR_MS = 10_000;
/** How long the rest of it may take once its heading is there. */
const SETTLE_MS = 3_000;

/**
 * Looks at the page's HTML outside its inline scripts: it must load nothing by itself, keep its
 * Content-Security-Policy and tell Redoc to send no telemetry.
 * @param {string} html
 * @returns {string[]} the problems, empty when none.
 */
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

/**
 * `text` with the characters a regular expression gives meaning to escaped (the client reference's checks use it too).
 * @param {string} text
 * @returns {string}
 */
export function escapeRegExp(text) {
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
 * Opens one operation the way a reader does (its group in the sidebar, then the operation) and checks that
 * its summary, a field of each body's table and a value of each body's example are visible.
 * @param {import("playwright-core").Page} page showing the reference
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
 * Searches the reference for an operation's summary (search runs in the page, offline) and checks that a
 * result links to that operation.
 * @param {import("playwright-core").Page} page showing the reference
 * @param {import("./spec-operations.mjs").DocumentedOperation} operation
 * @returns {Promise<string[]>} the problems, empty when none.
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
