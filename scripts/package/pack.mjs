// @ts-check
/**
 * Packs the package the way `npm publish` would (`npm pack`, whose `prepack` builds `dist/`) and lints the
 * tarball: publint `--strict` and Are the Types Wrong (`attw`, its default `strict` profile: node10,
 * node16 from CommonJS, node16 from ESM and bundler resolution must all find correct types). Shared by
 * `npm run test:package` and `npm run check`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN_DIR, ROOT } from "../lib/paths.mjs";
import { run } from "../lib/run.mjs";

/**
 * A packed tarball: its path and the files in it (paths inside the package, e.g. `dist/esm/src/index.js`).
 * @typedef {{ tarball: string, files: string[], size: number }} Packed
 */

/**
 * One lint's outcome; `output` is the tool's report.
 * @typedef {{ name: string, ok: boolean, output: string }} LintResult
 */

/**
 * Runs `npm pack` in the repository (building `dist/` through `prepack`) into `destination`.
 * @param {string} destination an existing folder.
 * @returns {Promise<Packed>} rejects with npm's report when packing fails.
 */
export async function packTarball(destination) {
  const result = await run("npm", ["pack", "--json", "--pack-destination", destination], { cwd: ROOT });
  if (result.code !== 0) throw new Error(`npm pack failed:\n${result.output}`);
  // The prepack build prints to stdout too, before npm's JSON.
  const json = result.stdout.slice(result.stdout.search(/^\[/m));
  const [info] = /** @type {{ filename: string, size: number, files: { path: string }[] }[]} */ (JSON.parse(json));
  if (!info) throw new Error(`npm pack printed no tarball:\n${result.output}`);
  return { tarball: path.join(destination, info.filename), files: info.files.map((file) => file.path), size: info.size };
}

/**
 * Lints a tarball with publint (`--strict`: warnings fail too) and attw (default profile `strict`).
 * @param {string} tarball
 * @returns {Promise<LintResult[]>} publint's, then attw's.
 */
export async function lintTarball(tarball) {
  const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
  const [publint, attw] = await Promise.all([
    run(path.join(BIN_DIR, "publint"), ["run", tarball, "--strict"], { cwd: ROOT, env }),
    run(path.join(BIN_DIR, "attw"), [tarball, "--no-color", "--no-emoji", "--format", "ascii"], { cwd: ROOT, env }),
  ]);
  return [
    { name: "publint --strict", ok: publint.code === 0, output: publint.output },
    { name: "attw (profile strict)", ok: attw.code === 0, output: attw.output },
  ];
}

/**
 * Packs into a temporary folder, lints the tarball and removes the folder: the `package` step of
 * `npm run check`.
 * @returns {Promise<LintResult[]>} `npm pack`'s failure as one result, or publint's and attw's.
 */
export async function packAndLint() {
  const destination = await mkdtemp(path.join(tmpdir(), "iwerp-pack-"));
  try {
    let packed;
    try {
      packed = await packTarball(destination);
    } catch (error) {
      return [{ name: "npm pack", ok: false, output: error instanceof Error ? error.message : String(error) }];
    }
    return await lintTarball(packed.tarball);
  } finally {
    await rm(destination, { recursive: true, force: true });
  }
}
