import { access, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { generate } from "../../scripts/generate.mjs";
import { SpecLintError } from "../../scripts/lib/redocly.mjs";

/*
 * Wrong edits of the spec stop `npm run generate` with a message that names the file and what to fix, and nothing
 * is written. `x-iwerp-secret` and `x-iwerp-id` mark a field with `true` (openapi/README.md, Extensions); the
 * generator reads nothing else. redocly.yaml's rules `rule/x-iwerp-secret-is-true` and `rule/x-iwerp-id-is-true`
 * fail the lint on any other value, so a mark that would mark nothing (a secret left unredacted) stops it.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Generation runs Redocly and openapi-typescript; generous, so a loaded machine does not fail the test. */
const GENERATION_TIMEOUT_MS = 120_000;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-marking-"));
  for (const entry of ["openapi", "redocly.yaml"]) await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Replaces `from` in a file of the copy; throws when the spec no longer has it, so the test never checks less than it says. */
async function edit(file: string, from: string, to: string): Promise<void> {
  const at = path.join(root, "openapi", file);
  const text = await readFile(at, "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update this test`);
  await writeFile(at, text.replace(from, to));
}

describe("a mark of a secret or an id that is not true", () => {
  test.each([
    ["x-iwerp-secret", "yes", "components/schemas/Login.yaml", '"yes"'],
    ["x-iwerp-secret", '"true"', "components/schemas/Login.yaml", '"true"'],
    ["x-iwerp-id", "1", "components/schemas/ChatroomPayload.yaml", "1"],
  ])(
    "%s: %s fails the generation with the rule, the file and line, and what to write; nothing is written",
    async (mark, value, file, seen) => {
      await edit(file, `${mark}: true\n`, `${mark}: ${value}\n`);
      const outDir = path.join(root, "generated");

      const error = await generate({ root, outDir }).then(() => undefined, (e: unknown) => e);

      expect(String(error)).toMatch(new RegExp(`openapi/${file.replace(/\./g, "\\.")}:\\d+:\\d+  error  rule/${mark}-is-true  `));
      expect(String(error)).toContain(`(${seen} should be equal true): write \`${mark}: true\`, or remove it.`);
      await expect(access(outDir)).rejects.toThrow(/ENOENT/);
    },
    GENERATION_TIMEOUT_MS,
  );
});

describe("a root document that is no YAML mapping", () => {
  test.each([
    ["empty", "\n"],
    ["a list", "- openapi: 3.1.0\n"],
  ])(
    "an openapi.yaml that is %s fails the generation naming the file and what it must be; nothing is written",
    async (_what, text) => {
      await writeFile(path.join(root, "openapi/openapi.yaml"), text);
      const outDir = path.join(root, "generated");

      const error = await generate({ root, outDir }).then(() => undefined, (e: unknown) => e);

      expect(error).toBeInstanceOf(SpecLintError);
      expect(String(error)).toMatch(/cannot be read: openapi\/openapi\.yaml: .*\nIt must be a YAML mapping, the OpenAPI document/);
      await expect(access(outDir)).rejects.toThrow(/ENOENT/);
    },
    GENERATION_TIMEOUT_MS,
  );
});

describe("a paging default outside the parameter's limits", () => {
  test(
    "a pageSize default above its maximum fails the generation naming the operation, the default and the limits; nothing is written",
    async () => {
      // listAll sends the default when the caller gives no pageSize, and the client refuses a pageSize over the maximum.
      await edit("components/parameters/pageSize.yaml", "  maximum: 200\n  default: 50\n", "  maximum: 200\n  default: 500\n");
      const outDir = path.join(root, "generated");

      const error = await generate({ root, outDir }).then(() => undefined, (e: unknown) => e);

      expect(String(error)).toContain(
        "get_chatroom_participant_cget: the query parameter pageSize's default 500 is not a whole number from its minimum 1 to its maximum 200: change the default or the limits",
      );
      await expect(access(outDir)).rejects.toThrow(/ENOENT/);
    },
    GENERATION_TIMEOUT_MS,
  );
});
