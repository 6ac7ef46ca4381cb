// @ts-check
/** Runs the Redocly CLI (lint and bundle) on the spec, quietly and without telemetry. */
import { execFile } from "node:child_process";
import path from "node:path";
import { BIN_DIR, ROOT } from "./paths.mjs";

/**
 * The environment Redocly runs in: no telemetry (`telemetry: off` in redocly.yaml says the same; the docs
 * page gets `disableTelemetry` from it), no update or end-of-life banners.
 */
export const REDOCLY_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};

/** Thrown when Redocly rejects the spec; `message` holds Redocly's report. */
export class SpecLintError extends Error {
  /** @override */
  name = "SpecLintError";
}

/**
 * Runs `redocly <args>` in `root` (a folder with `redocly.yaml` and `openapi/`).
 * @param {string[]} args
 * @param {string} root
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function redocly(args, root) {
  return new Promise((resolve) => {
    execFile(
      path.join(BIN_DIR, "redocly"),
      args,
      { cwd: root, env: REDOCLY_ENV, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Drops Redocly's boxed banners (e.g. the Node.js 20 end-of-life notice) from its output.
 * @param {string} text
 */
function withoutBanners(text) {
  return text
    .split("\n")
    .filter((/** @type {string} */ line) => !/[║╔╚]/.test(line))
    .join("\n")
    .trim();
}

/**
 * Lints the spec with the rules of `redocly.yaml`. Warnings count as failures: the spec is kept at zero.
 * @param {{ root?: string }} [options] `root`: the folder holding `redocly.yaml` and `openapi/` (default: this repository).
 * @returns {Promise<string>} Redocly's report when the spec is clean.
 * @throws {SpecLintError} with Redocly's report when any rule reports a problem.
 */
export async function lintSpec({ root = ROOT } = {}) {
  const { code, stdout, stderr } = await redocly(["lint", "chat", "--format=stylish", "--max-problems=200"], root);
  const report = withoutBanners(`${stdout}\n${stderr}`);
  if (code !== 0 || /\bwarnings?\b/i.test(report.replace(/0 warnings?/gi, ""))) {
    throw new SpecLintError(`The spec in openapi/ does not pass the lint:\n${report}`);
  }
  return report;
}

/**
 * Bundles the split spec into one YAML document (references between files become `#/components/...`).
 * @param {{ root?: string }} [options] `root`: the folder holding `redocly.yaml` and `openapi/` (default: this repository).
 * @returns {Promise<string>} the bundled document.
 * @throws {SpecLintError} when the spec cannot be bundled (e.g. a broken `$ref`).
 */
export async function bundleSpec({ root = ROOT } = {}) {
  const { code, stdout, stderr } = await redocly(["bundle", "chat", "--ext", "yaml"], root);
  const report = withoutBanners(stderr);
  if (code !== 0 || /Can't resolve|Failed to/i.test(report)) {
    throw new SpecLintError(`The spec in openapi/ cannot be bundled:\n${report}`);
  }
  return stdout;
}
