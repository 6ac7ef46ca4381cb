// @ts-check
/** Reads the spec as it was at a git revision, and finds the revision to compare with. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./paths.mjs";
import { bundleSpec } from "./redocly.mjs";
import { run } from "./run.mjs";

/** Runs `git <args>` in `cwd` and resolves with its standard output. @param {string[]} args @param {string} cwd */
async function git(args, cwd) {
  const result = await run("git", args, { cwd });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim() || result.output}`);
  return result.stdout;
}

/**
 * The revision to compare the spec with: `base` when given, otherwise the merge base of `HEAD` with
 * `main` (or `origin/main`, as in a CI checkout).
 * @param {{ base?: string, root?: string }} [options]
 * @returns {Promise<{ ref: string, commit: string }>}
 */
export async function resolveBaseRevision({ base, root = ROOT } = {}) {
  if (base) {
    const commit = (await git(["rev-parse", "--verify", "--end-of-options", `${base}^{commit}`], root)).trim();
    return { ref: base, commit };
  }
  for (const branch of ["main", "origin/main"]) {
    const commit = await git(["merge-base", "HEAD", branch], root).then(
      (out) => out.trim(),
      () => "",
    );
    if (commit) return { ref: `merge-base with ${branch}`, commit };
  }
  throw new Error("No revision to compare with: there is no branch main or origin/main. Pass --base <ref>.");
}

/**
 * The bundled spec at a revision, or undefined when that revision has no spec.
 * @param {string} commit
 * @param {{ root?: string }} [options]
 */
export async function bundleSpecAt(commit, { root = ROOT } = {}) {
  const listing = await git(["ls-tree", "-r", "--name-only", commit, "--", "openapi", "redocly.yaml"], root);
  const files = listing.split("\n").filter(Boolean);
  if (!files.includes("redocly.yaml") || !files.some((file) => file.startsWith("openapi/"))) return undefined;
  const dir = await mkdtemp(path.join(tmpdir(), "iwerp-spec-at-"));
  try {
    // One archive (one git process, however many files), unpacked where Redocly bundles it.
    const archive = path.join(dir, "spec.tar");
    await git(["archive", "--format=tar", `--output=${archive}`, commit, "openapi", "redocly.yaml"], root);
    const unpacked = await run("tar", ["-xf", archive, "-C", dir]);
    if (unpacked.code !== 0) throw new Error(`tar could not unpack the spec at ${commit}: ${unpacked.output}`);
    return await bundleSpec({ root: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
