import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lintSpec } from "../../scripts/lib/redocly.mjs";

/*
 * Descriptions speak to the API's users (they are shown in the API reference and as JSDoc of the generated types);
 * where a fact comes from goes into `x-iwerp-provenance` or a YAML comment. redocly.yaml's rule
 * `rule/no-provenance-in-descriptions` keeps maintainers' notes out of every description.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-provenance-"));
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
