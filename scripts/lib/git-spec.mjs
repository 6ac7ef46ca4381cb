// @ts-check
/** Reads the spec as it was at a git revision, and finds the revision to compare with. */
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./paths.mjs";
import { bundleSpec } from "./redocly.mjs";

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
 * The contents of `files` at `commit`, in order, read by one `git cat-file --batch` in `cwd` (one process for
 * all of them: one `git show` per file took seconds for the spec's 80 files).
 * @param {string} commit
 * @param {string[]} files paths relative to `cwd`, as `git ls-tree` printed them
 * @param {string} cwd
 * @returns {Promise<Buffer[]>}
 */
function readFilesAt(commit, files, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    /** @type {Buffer[]} */
    const chunks = [];
    let stderr = "";
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch failed: ${stderr.trim() || `exit code ${code}`}`));
      const out = Buffer.concat(chunks);
      const contents = [];
      let at = 0;
      // Each answer is "<oid> blob <size>\n<size bytes>\n", in the order asked.
      for (const file of files) {
        const eol = out.indexOf(0x0a, at);
        const header = out.subarray(at, eol < 0 ? out.length : eol).toString();
        const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
        if (eol < 0 || size === undefined) return reject(new Error(`git cat-file: ${commit}:${file}: ${header || "no answer"}`));
        contents.push(out.subarray(eol + 1, eol + 1 + Number(size)));
        at = eol + 1 + Number(size) + 1;
      }
      resolve(contents);
    });
    child.stdin.end(files.map((file) => `${commit}:./${file}\n`).join(""));
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
  const contents = await readFilesAt(commit, files, root);
  const dir = await mkdtemp(path.join(tmpdir(), "iwerp-spec-at-"));
  try {
    for (const [i, file] of files.entries()) {
      const target = path.join(dir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, /** @type {Buffer} */ (contents[i]));
    }
    return await bundleSpec({ root: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
