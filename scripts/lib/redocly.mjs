// @ts-check
/** Lints and bundles the spec in this process with Redocly's openapi-core (see scripts/README.md, Redocly). */
import path from "node:path";
import { stringify } from "yaml";
import { ROOT } from "./paths.mjs";

/** The environment of the Redocly CLI (`npm run docs`): no telemetry (as redocly.yaml says), no banners. */
export const REDOCLY_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};

/** The API in redocly.yaml (`apis.chat`) whose rules apply. */
const API = "chat";

/** Thrown when Redocly rejects the spec; `message` holds Redocly's report. */
export class SpecLintError extends Error {
  /** @override */
  name = "SpecLintError";
}

/**
 * Redocly's problems as its CLI's `stylish` report: `file:line:col  severity  rule  message`, paths relative to `root`.
 * @param {import("@redocly/openapi-core").NormalizedProblem[]} problems
 * @param {typeof import("@redocly/openapi-core").getLineColLocation} locate
 * @param {string} root
 */
function report(problems, locate, root) {
  return problems
    .map((problem) => {
      const where = problem.location[0] ? locate(problem.location[0]) : undefined;
      const file = where ? path.relative(root, where.source.absoluteRef) : "redocly.yaml";
      const at = where && "start" in where ? `:${where.start.line}:${where.start.col}` : "";
      return `  ${file}${at}  ${problem.severity}  ${problem.ruleId}  ${problem.message}`;
    })
    .join("\n");
}

/**
 * Runs one of Redocly's steps on the spec, naming its root document when Redocly throws instead of reporting a
 * problem: it does so for a root that is no YAML mapping (an emptied file: "Document must be JSON object, got
 * undefined", naming no file).
 * @template T
 * @param {() => Promise<T>} step
 * @returns {Promise<T>}
 */
async function onSpec(step) {
  try {
    return await step();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SpecLintError(
      `The spec in openapi/ cannot be read: openapi/openapi.yaml: ${message}\nIt must be a YAML mapping, the OpenAPI document (openapi, info, paths …).`,
      { cause: error },
    );
  }
}

/**
 * Reads redocly.yaml and the spec's files once per call (the watcher calls after every save), lints the spec and
 * redocly.yaml when `lint`, and bundles the spec when `bundle`.
 * @param {string} root
 * @param {{ lint: boolean, bundle: boolean }} steps
 * @returns {Promise<string>} the bundled document, or `""` without `bundle`.
 */
async function redocly(root, { lint, bundle }) {
  // Imported on first use: an ES module of many files, which `--help` and the tests that never lint need not load.
  const core = await import("@redocly/openapi-core");
  const config = (await core.loadConfig({ configPath: path.join(root, "redocly.yaml") })).forAlias(API);
  // One resolver for the lint and the bundle, so each of the spec's files is read once.
  const options = { ref: path.join(root, "openapi", "openapi.yaml"), config, externalRefResolver: new core.BaseResolver(config.resolve) };
  if (lint) {
    const found = [...(await core.lintConfig({ config, severity: "warn" })), ...(await onSpec(() => core.lint(options)))];
    const problems = found.filter((problem) => !problem.ignored);
    if (problems.length > 0) {
      const { errors, warnings } = core.getTotals(problems);
      throw new SpecLintError(`The spec in openapi/ does not pass the lint (errors: ${errors}, warnings: ${warnings}):\n${report(problems, core.getLineColLocation, root)}`);
    }
  }
  if (!bundle) return "";
  const { bundle: bundled, problems } = await onSpec(() => core.bundle({ ...options, dereference: false }));
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new SpecLintError(`The spec in openapi/ cannot be bundled:\n${report(errors, core.getLineColLocation, root)}`);
  return stringify(bundled.parsed, { lineWidth: 0 });
}

/**
 * Lints the spec (and redocly.yaml) with the rules of `redocly.yaml`; a warning fails too.
 * @param {{ root?: string }} [options] `root`: the folder of `redocly.yaml` and `openapi/` (default: this repository).
 * @returns {Promise<string>} a one-line report when the spec is clean.
 * @throws {SpecLintError} with Redocly's report when any rule reports a problem.
 */
export async function lintSpec({ root = ROOT } = {}) {
  await redocly(root, { lint: true, bundle: false });
  return "openapi/openapi.yaml passes the lint of redocly.yaml: no errors, no warnings.";
}

/**
 * Bundles the split spec into one YAML document, as `redocly bundle` writes it; with `lint`, lints it first from the
 * same reading of redocly.yaml and the spec (`npm run generate`).
 * @param {{ root?: string, lint?: boolean }} [options] `root`: as for `lintSpec`; `lint`: default false.
 * @returns {Promise<string>} the bundled document.
 * @throws {SpecLintError} when the spec does not lint (that report wins) or cannot be bundled (e.g. a broken `$ref`).
 */
export function bundleSpec({ root = ROOT, lint = false } = {}) {
  return redocly(root, { lint, bundle: true });
}
