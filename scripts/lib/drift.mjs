// @ts-check
/** The drift check: regenerates into a temporary folder and compares with the committed `generated/`. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "../generate.mjs";
import { GENERATED_DIR } from "./paths.mjs";

/**
 * @typedef {{ file: string, problem: "differs" | "missing" | "not generated" }} DriftFinding
 */

/**
 * Regenerates the spec's outputs into a temporary folder and lists every file of `generated/` that
 * differs, is missing, or is no longer generated.
 * @param {{ generatedDir?: string, root?: string, freshDir?: string }} [options] `root`: the folder holding
 * `redocly.yaml` and `openapi/` (default: this repository); `freshDir`: a folder the spec was just generated
 * into, to compare with instead of generating again.
 * @returns {Promise<DriftFinding[]>} empty when `generated/` is current.
 */
export async function findDrift({ generatedDir = GENERATED_DIR, root, freshDir } = {}) {
  const fresh = freshDir ?? (await mkdtemp(path.join(tmpdir(), "iwerp-generated-")));
  try {
    if (!freshDir) await generate({ outDir: fresh, root });
    const expected = (await readdir(fresh)).sort();
    const actual = (await readdir(generatedDir).catch(() => [])).filter((name) => name !== "README.md").sort();
    /** @type {DriftFinding[]} */
    const findings = [];
    for (const name of expected) {
      const want = await readFile(path.join(fresh, name), "utf8");
      const have = await readFile(path.join(generatedDir, name), "utf8").catch(() => undefined);
      if (have === undefined) findings.push({ file: `generated/${name}`, problem: "missing" });
      else if (have !== want) findings.push({ file: `generated/${name}`, problem: "differs" });
    }
    for (const name of actual) {
      if (!expected.includes(name)) findings.push({ file: `generated/${name}`, problem: "not generated" });
    }
    return findings;
  } finally {
    if (!freshDir) await rm(fresh, { recursive: true, force: true });
  }
}

/**
 * A human-readable report of drift findings, with the fix.
 * @param {DriftFinding[]} findings
 */
export function describeDrift(findings) {
  return [
    "generated/ does not match the spec in openapi/:",
    ...findings.map((f) => `  ${f.file}: ${f.problem}`),
    "Run `npm run generate` and commit the result; never edit generated/ by hand.",
  ].join("\n");
}
