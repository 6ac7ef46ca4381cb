// @ts-check
/** The checks before the contract suite: the spec lints, `generated/` is current, the client compiles. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describeDrift, findDrift } from "../lib/drift.mjs";
import { ROOT, TSC } from "../lib/paths.mjs";
import { lintSpec, SpecLintError } from "../lib/redocly.mjs";

/** @typedef {import("./report-model.mjs").StepResult} StepResult */

const TITLES = {
  lint: "the spec in openapi/ passes Redocly (redocly.yaml)",
  drift: "generated/ is what the spec generates",
  typecheck: "the client and its tests compile against generated/ (tsc, TypeScript 7)",
};

/**
 * A digest of the type-check's inputs under `root`: every file of the folders tsconfig.json's `include` names (more
 * than tsc reads: another file there only costs a real check), the root's `*.ts`, tsconfig.json, and
 * package-lock.json, which stands for node_modules (the compiler and the type packages).
 * @param {string} root
 * @returns {Promise<string>} hex SHA-256.
 */
async function typecheckDigest(root) {
  const top = (await readdir(root)).filter((name) => name.endsWith(".ts") || name === "tsconfig.json" || name === "package-lock.json");
  // The folders from tsconfig.json itself, so that a folder added to its `include` is part of the digest too.
  const { include = [] } = JSON.parse(await readFile(path.join(root, "tsconfig.json"), "utf8"));
  const folders = /** @type {string[]} */ (include).filter((entry) => !entry.includes("*"));
  const nested = await Promise.all(
    folders.map(async (folder) =>
      (await readdir(path.join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []))
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))),
    ),
  );
  const hash = createHash("sha256");
  for (const file of [...top, ...nested.flat()].sort()) {
    const bytes = await readFile(path.join(root, file)).catch(() => Buffer.from("(gone)"));
    hash.update(`${file} ${bytes.length}\n`).update(bytes);
  }
  return hash.digest("hex");
}

/**
 * Runs TypeScript 7's `tsc -p tsconfig.json` in `root`, unless it passed for the same inputs before (remembered in
 * node_modules/.cache/iwerp-typecheck/, an empty file a digest): a warm `npm run contract` then skips the compiler
 * (about 3 s of CPU even when incremental) until a file changes.
 * @param {string} root
 * @returns {Promise<string | undefined>} the compiler's report when it fails.
 */
async function typecheck(root) {
  const cache = path.join(root, "node_modules", ".cache", "iwerp-typecheck");
  const digest = await typecheckDigest(root);
  if (existsSync(path.join(cache, digest))) return undefined;
  const failure = await new Promise((resolve) => {
    const args = [TSC, "-p", path.join(root, "tsconfig.json"), "--pretty", "false"];
    execFile(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve(error ? `${stdout}${stderr}`.trim() || error.message : undefined);
    });
  });
  // Remembered only when nothing changed while the compiler ran: it may have read the newer files.
  if (failure === undefined && (await typecheckDigest(root)) === digest) {
    await mkdir(cache, { recursive: true });
    await writeFile(path.join(cache, digest), "");
  }
  return /** @type {string | undefined} */ (failure);
}

/**
 * A step's result: passed, or failed with `detail`.
 * @param {keyof typeof TITLES} step
 * @param {number} ms
 * @param {string} [detail] the failure's report.
 * @returns {StepResult}
 */
function result(step, ms, detail) {
  return { step, title: TITLES[step], ms, ...(detail === undefined ? { status: "passed" } : { status: "failed", detail }) };
}

/**
 * Runs one check and times it.
 * @param {keyof typeof TITLES} step
 * @param {() => Promise<string | undefined>} check resolves with a failure report, or undefined.
 */
async function timed(step, check) {
  const started = performance.now();
  const detail = await check().catch((error) => (error instanceof Error ? error.message : String(error)));
  return result(step, Math.round(performance.now() - started), detail);
}

/**
 * Lints the spec and checks `generated/` with one Redocly pass: the drift check regenerates, and generating lints
 * (a `SpecLintError` when the spec does not lint or bundle; drift then cannot run).
 * @param {string} root
 * @returns {Promise<[StepResult, StepResult]>}
 */
async function lintAndDrift(root) {
  const started = performance.now();
  try {
    const findings = await findDrift({ root, generatedDir: path.join(root, "generated") });
    const ms = Math.round(performance.now() - started);
    return [result("lint", ms), result("drift", ms, findings.length > 0 ? describeDrift(findings) : undefined)];
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const detail = error instanceof Error ? error.message : String(error);
    if (!(error instanceof SpecLintError)) return [result("lint", ms), result("drift", ms, detail)];
    return [result("lint", ms, detail), { step: "drift", title: TITLES.drift, status: "not run", detail: "the spec does not lint, so it cannot be generated", ms: 0 }];
  }
}

/**
 * Runs lint and the drift check (one Redocly pass, see `lintAndDrift`) alongside the type-check.
 * @param {{ skip?: Set<string>, root?: string }} [options] `skip`: steps not to run; `root`: the project folder
 *   (default: this repository).
 * @returns {Promise<StepResult[]>} in the order lint, drift, typecheck.
 */
export async function runStaticChecks({ skip = new Set(), root = ROOT } = {}) {
  /** @param {keyof typeof TITLES} step @returns {StepResult} */
  const skipped = (step) => ({ step, title: TITLES[step], status: "skipped", detail: "--skip", ms: 0 });
  /** @returns {Promise<StepResult[]>} */
  const specChecks = async () => {
    if (!skip.has("drift")) {
      const [lint, drift] = await lintAndDrift(root);
      // Skipping lint alone still lints (generating does); the report says it was skipped, as asked.
      return [skip.has("lint") && lint.status === "passed" ? skipped("lint") : lint, drift];
    }
    if (skip.has("lint")) return [skipped("lint"), skipped("drift")];
    return [await timed("lint", async () => void (await lintSpec({ root }))), skipped("drift")];
  };
  const compile = skip.has("typecheck") ? Promise.resolve(skipped("typecheck")) : timed("typecheck", () => typecheck(root));
  const [[lint, drift], types] = await Promise.all([specChecks(), compile]);
  return [/** @type {StepResult} */ (lint), /** @type {StepResult} */ (drift), types];
}
