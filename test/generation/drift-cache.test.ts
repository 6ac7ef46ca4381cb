import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { driftDigest, findDrift } from "../../scripts/lib/drift.mjs";
import { safetyTimeout } from "../support/safety-timeouts.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the drift check's memory of clean results", () => {
  let work: string;
  /** A copy of the spec (openapi/, redocly.yaml) and of generated/, and an empty cache folder. */
  let root: string;
  let generatedDir: string;
  let cacheDir: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "iwerp-drift-cache-"));
    [root, generatedDir, cacheDir] = ["root", "generated", "cache"].map((name) => path.join(work, name)) as [string, string, string];
    for (const entry of ["openapi", "redocly.yaml"]) await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
    await cp(path.join(ROOT, "generated"), generatedDir, { recursive: true });
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  /** Changes one line of `file` and gives a function that puts it back. */
  async function edit(file: string): Promise<() => Promise<void>> {
    const text = await readFile(file, "utf8");
    await writeFile(file, `${text}\n# edited\n`);
    return () => writeFile(file, text);
  }

  test("the digest is the same for the same inputs and changes with a spec file, redocly.yaml or a generated file", async () => {
    const digest = () => driftDigest({ root, generatedDir });
    const before = await digest();

    expect(await digest()).toBe(before);
    for (const file of [path.join(root, "openapi/components/schemas/ChatroomParticipant.yaml"), path.join(root, "redocly.yaml"), path.join(generatedDir, "operations.js")]) {
      const restore = await edit(file);
      expect(await digest(), file).not.toBe(before);
      await restore();
    }
    expect(await digest()).toBe(before);
  });

  test("drift is found by generating, and a result with findings is not remembered", async () => {
    const restore = await edit(path.join(generatedDir, "checks.js"));

    const findings = await findDrift({ root, generatedDir, cacheDir });

    expect(findings).toEqual([{ file: "generated/checks.js", problem: "differs" }]);
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
    await restore();
  }, safetyTimeout(120_000));

  test("inputs remembered as clean are answered without generating: a remembered digest is trusted as it stands", async () => {
    const restore = await edit(path.join(generatedDir, "checks.js"));
    // Remembered by hand for drifted inputs: were anything generated, the drift would be found.
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path.join(cacheDir, await driftDigest({ root, generatedDir })), "");

    expect(await findDrift({ root, generatedDir, cacheDir })).toEqual([]);
    await restore();
    await rm(cacheDir, { recursive: true, force: true });
  });
});
