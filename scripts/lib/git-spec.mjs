// @ts-check
/** Reads the spec as it was at a git revision, and finds the revision to compare with. */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleInProcess as bundleSpec } from "./bundle-in-process.mjs";
import { ROOT } from "./paths.mjs";

/**
 * Runs `git <args>` in `cwd`.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<Buffer>} standard output.
 */
function git(args, cwd) {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")} failed: ${stderr.toString().trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * The revision to compare the spec with: `base` when given, otherwise the merge base of `HEAD` with
 * `main` (or `origin/main`, as in a CI checkout).
 * @param {{ base?: string, root?: string }} [options]
 * @returns {Promise<{ ref: string, commit: string }>}
 */
export async function resolveBaseRevision({ base, root = ROOT } = {}) {
  if (base) {
    const commit = (await git(["rev-parse", "--verify", "--end-of-options", `${base}^{commit}`], root)).toString().trim();
    return { ref: base, commit };
  }
  for (const branch of ["main", "origin/main"]) {
    const commit = await git(["merge-base", "HEAD", branch], root).then(
      (out) => out.toString().trim(),
      () => "",
    );
    if (commit) return { ref: `merge-base with ${branch}`, commit };
  }
  throw new Error("No revision to compare with: there is no branch main or origin/main. Pass --base <ref>.");
}

/**
 * The bundled spec at a revision (its `openapi/` and `redocly.yaml`, bundled by Redocly in a temporary
 * folder), or undefined when that revision has no spec.
 * @param {string} commit
 * @param {{ root?: string }} [options]
 * @returns {Promise<string | undefined>}
 */
export async function bundleSpecAt(commit, { root = ROOT } = {}) {
  const listing = await git(["ls-tree", "-r", "--name-only", commit, "--", "openapi", "redocly.yaml"], root);
  const files = listing.toString().split("\n").filter(Boolean);
  if (!files.includes("redocly.yaml") || !files.some((file) => file.startsWith("openapi/"))) return undefined;
  const dir = await mkdtemp(path.join(tmpdir(), "iwerp-spec-at-"));
  try {
    for (const file of files) {
      const target = path.join(dir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await git(["show", `${commit}:./${file}`], root));
    }
    return await bundleSpec({ root: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
