#!/usr/bin/env node
// @ts-check
/**
 * `npm run breaking [-- --base REF]`: the breaking-change gate. Compares the spec in openapi/ with the
 * spec at REF (default: the merge base with main) and fails on breaking changes, unless the major part of
 * `info.version` went up. Exit code 0 pass, 1 unacknowledged breaking changes, 2 the check could not run.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { bundleSpecAt, resolveBaseRevision } from "./lib/git-spec.mjs";
import { ROOT } from "./lib/paths.mjs";
import { bundleSpec } from "./lib/redocly.mjs";
import { breakingChangeGate } from "./lib/spec-diff.mjs";

/** @typedef {{ write(text: string): unknown }} Output */

/** @param {import("./lib/spec-diff.mjs").SpecChange[]} changes @returns {string[]} one to three lines each. */
function listChanges(changes) {
  return changes.flatMap((change) => [
    `    - ${change.description || `${change.action} ${change.pointer}`}`,
    ...(change.description ? [`      ${change.pointer}`] : []),
    ...(change.reclassified ? [`      (${change.reclassified})`] : []),
  ]);
}

/**
 * Runs the gate and prints its report.
 * @param {string[]} argv the arguments after the script name.
 * @param {{ stdout?: Output, stderr?: Output, root?: string }} [io] `root`: the project folder (default: this repository).
 * @returns {Promise<number>} the exit code.
 */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, root = ROOT } = {}) {
  let base;
  try {
    ({ values: { base } } = parseArgs({ args: argv, options: { base: { type: "string" } }, strict: true }));
  } catch (error) {
    stderr.write(`${error instanceof Error ? error.message : error}\nUsage: npm run breaking [-- --base <git ref>]\n`);
    return 2;
  }
  try {
    const revision = await resolveBaseRevision({ base, root });
    const [beforeText, afterText] = await Promise.all([bundleSpecAt(revision.commit, { root }), bundleSpec({ root })]);
    const where = `${revision.ref} (${revision.commit.slice(0, 10)})`;
    if (beforeText === undefined) {
      stdout.write(`Breaking-change gate: ${where} has no spec; nothing to compare.\n`);
      return 0;
    }
    const result = breakingChangeGate(parse(beforeText), parse(afterText));
    const count = (/** @type {string} */ type) => result.changes.filter((c) => c.type === type).length;
    const lines = [
      `Breaking-change gate: ${path.relative(process.cwd(), path.join(root, "openapi")) || "openapi"}/ (${result.afterVersion}) against ${where} (${result.beforeVersion})`,
      `  ${result.breaking.length} breaking, ${count("non-breaking")} non-breaking, ${count("deprecated")} deprecated, ${count("annotation")} annotation, ${count("unclassified")} unclassified change(s) (api-smart-diff)`,
    ];
    if (result.breaking.length > 0) lines.push("  Breaking:", ...listChanges(result.breaking));
    const unclassified = result.changes.filter((c) => c.type === "unclassified");
    if (unclassified.length > 0) lines.push("  Unclassified (review them):", ...listChanges(unclassified));
    if (result.breaking.length === 0) lines.push("PASS: no breaking change.");
    else if (result.acknowledged) {
      lines.push(`PASS: the breaking changes are acknowledged by info.version ${result.beforeVersion} → ${result.afterVersion}.`);
    } else {
      lines.push(
        `FAIL: ${result.breaking.length} breaking change(s). If they are intended, acknowledge them by raising the major`,
        `part of info.version in openapi/openapi.yaml (now ${result.afterVersion || "unset"}, was ${result.beforeVersion || "unset"}), e.g. to ${Number.parseInt(result.beforeVersion, 10) + 1 || 1}.0.0.`,
      );
    }
    stdout.write(`${lines.join("\n")}\n`);
    return result.breaking.length > 0 && !result.acknowledged ? 1 : 0;
  } catch (error) {
    stderr.write(`Breaking-change gate could not run: ${error instanceof Error ? error.message : error}\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
