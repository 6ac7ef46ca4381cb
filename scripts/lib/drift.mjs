// @ts-check
/** The drift check: generates in memory and compares with `generated/`, a clean result remembered (see scripts/README.md). */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { GENERATED_DIR, ROOT } from "./paths.mjs";

/** Where clean results are remembered, one empty file per digest (git-ignored). */
const DRIFT_CACHE = path.join(ROOT, "node_modules", ".cache", "iwerp-drift");

/** @typedef {{ file: string, problem: "differs" | "missing" | "not generated" }} DriftFinding */

/** The files under `dir`, recursively, by path relative to it; none when it does not exist. @param {string} dir */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

/**
 * A digest of everything a drift check depends on: the spec's files and `redocly.yaml` under `root`, the generator
 * (`scripts/generate.mjs`, `scripts/lib/`), the locked dependency versions, the Node.js version, and every file of
 * `generatedDir`, each with its name.
 * @param {{ generatedDir?: string, root?: string }} [options]
 * @returns {Promise<string>} hex SHA-256.
 */
export async function driftDigest({ generatedDir = GENERATED_DIR, root = ROOT } = {}) {
  const hash = createHash("sha256").update(`node ${process.version}\n`);
  /** @type {Array<[string, string[]]>} */
  const groups = [
    [path.join(root, "openapi"), await filesUnder(path.join(root, "openapi"))],
    [root, ["redocly.yaml"]],
    [path.join(ROOT, "scripts"), ["generate.mjs", ...(await filesUnder(path.join(ROOT, "scripts", "lib"))).map((file) => path.join("lib", file))]],
    [ROOT, ["package-lock.json"]],
    [generatedDir, await filesUnder(generatedDir)],
  ];
  for (const [index, [dir, files]] of groups.entries()) {
    for (const file of files) {
      const bytes = await readFile(path.join(dir, file)).catch(() => Buffer.from("(missing)"));
      hash.update(`${index} ${file} ${bytes.length}\n`).update(bytes);
    }
  }
  return hash.digest("hex");
}

/**
 * Generates (in memory) and lists every file of `generated/` that differs, is missing, or is no longer generated;
 * answers `[]` at once for inputs already found clean.
 * @param {{ generatedDir?: string, root?: string, fresh?: Record<string, string>, cacheDir?: string }} [options] `root`:
 * the folder of `redocly.yaml` and `openapi/` (default: this repository); `fresh`: the files just generated
 * (`renderGenerated`), to compare with (then nothing is remembered); `cacheDir`: where clean results are remembered
 * (default: `DRIFT_CACHE`).
 * @returns {Promise<DriftFinding[]>}
 */
export async function findDrift({ generatedDir = GENERATED_DIR, root, fresh, cacheDir = DRIFT_CACHE } = {}) {
  const digest = fresh ? undefined : await driftDigest({ generatedDir, root });
  if (digest !== undefined && existsSync(path.join(cacheDir, digest))) return [];
  // Loaded only to generate: a remembered result needs none of the generator's modules.
  const expected = fresh ?? (await (await import("../generate.mjs")).renderGenerated({ root }));
  const actual = (await readdir(generatedDir).catch(() => [])).filter((name) => name !== "README.md").sort();
  /** @type {DriftFinding[]} */
  const findings = [];
  for (const name of Object.keys(expected).sort()) {
    const have = await readFile(path.join(generatedDir, name), "utf8").catch(() => undefined);
    if (have === undefined) findings.push({ file: `generated/${name}`, problem: "missing" });
    else if (have !== expected[name]) findings.push({ file: `generated/${name}`, problem: "differs" });
  }
  for (const name of actual) {
    if (!Object.hasOwn(expected, name)) findings.push({ file: `generated/${name}`, problem: "not generated" });
  }
  if (digest !== undefined && findings.length === 0) {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path.join(cacheDir, digest), "");
  }
  return findings;
}

/** A report of drift findings, with the fix. @param {DriftFinding[]} findings */
export function describeDrift(findings) {
  return [
    "generated/ does not match the spec in openapi/:",
    ...findings.map((f) => `  ${f.file}: ${f.problem}`),
    "Run `npm run generate` and commit the result; never edit generated/ by hand.",
  ].join("\n");
}
