// @ts-check
/**
 * Bundles the split spec in this process with Redocly's openapi-core (the library openapi-typescript loads
 * anyway), instead of starting a second Redocly CLI: `npm run generate` then needs one child process (the
 * lint) beside its own work. The result is the same document `redocly bundle` writes.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { stringify } from "yaml";
import { ROOT } from "./paths.mjs";
import { SpecLintError } from "./redocly.mjs";

const require = createRequire(import.meta.url);

/**
 * @param {{ root?: string }} [options] `root`: the folder holding `openapi/` (default: this repository).
 * @returns {Promise<string>} the bundled document as YAML.
 * @throws {SpecLintError} when the spec cannot be bundled (e.g. a broken `$ref`).
 */
export async function bundleInProcess({ root = ROOT } = {}) {
  /** @type {typeof import("@redocly/openapi-core")} */
  const core = require("@redocly/openapi-core");
  const config = await core.createConfig({});
  const { bundle, problems } = await core.bundle({ ref: path.join(root, "openapi", "openapi.yaml"), config, dereference: false });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    throw new SpecLintError(`The spec in openapi/ cannot be bundled:\n${errors.map((problem) => `  ${problem.message}`).join("\n")}`);
  }
  return stringify(bundle.parsed, { lineWidth: 0 });
}
