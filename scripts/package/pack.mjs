// @ts-check
/**
 * Packs the package as `npm publish` would (`prepack` builds `dist/`) and lints the tarball with publint `--strict` and
 * attw (its default `strict` profile: node10, node16 from CommonJS and ESM, and bundler must all find correct types).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BIN_DIR, ROOT } from "../lib/paths.mjs";
import { run } from "../lib/run.mjs";

/** @typedef {{ tarball: string, files: string[], size: number }} Packed a tarball's path and files (`dist/esm/…`) */
/** @typedef {{ name: string, ok: boolean, output: string }} LintResult one lint's outcome and the tool's report. */

/** Runs `npm pack` into the folder `destination`; rejects with npm's report. @param {string} destination */
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
 * Lints a tarball with publint (`--strict`: warnings fail too) and attw.
 * @param {string} tarball
 * @returns {Promise<LintResult[]>}
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

/** The `package` step of `npm run check`: packs into a temporary folder and lints the tarball (or says why npm pack failed). */
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
