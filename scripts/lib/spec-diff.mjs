// @ts-check
/** The breaking-change gate: api-smart-diff's verdict on each change, with two rules of this project's own. */
import { apiCompare } from "api-smart-diff";
import { escapePointer } from "./spec.mjs";

/**
 * @typedef {"breaking" | "non-breaking" | "annotation" | "deprecated" | "unclassified"} ChangeType
 * @typedef {{
 *   type: ChangeType,
 *   action: string,
 *   pointer: string,
 *   description: string,
 *   reclassified?: string,
 * }} SpecChange
 * @typedef {{
 *   changes: SpecChange[],
 *   breaking: SpecChange[],
 *   beforeVersion: string,
 *   afterVersion: string,
 *   acknowledged: boolean,
 * }} GateResult
 */

/**
 * Raises a change to breaking where api-smart-diff reads the spec as a wire format with open objects but a client
 * with generated types breaks.
 * @param {{ type: string, action: string, path: Array<string | number> }} diff
 * @returns {string | undefined} why the change is breaking here, or undefined to keep the tool's verdict.
 */
function projectRule(diff) {
  if (diff.type === "breaking") return undefined;
  const last = String(diff.path.at(-1));
  const parent = String(diff.path.at(-2));
  // The tool keeps removing an optional property non-breaking (additional properties are allowed); the generated
  // types lose it, so callers that set or read it stop compiling.
  if (diff.action === "remove" && (parent === "properties" || last === "properties")) {
    return "a property removed from a schema disappears from the generated types";
  }
  // The tool mirrors request rules for responses, so a replaced `type` in a response is "non-breaking" to it; a
  // client reading that field breaks whichever way the type changes.
  if (diff.action === "replace" && last === "type") return "a changed type breaks every reader or writer of the field";
  return undefined;
}

/** The major part of a version such as `1.4.0`, or NaN. @param {unknown} version */
function major(version) {
  const match = /^v?(\d+)/.exec(String(version ?? ""));
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * Runs the gate: classifies every change from `before` to `after` (parsed, bundled OpenAPI documents); breaking
 * changes pass only when `info.version`'s major part went up.
 * @param {{ info?: { version?: string } }} before
 * @param {{ info?: { version?: string } }} after
 * @returns {GateResult}
 */
export function breakingChangeGate(before, after) {
  const changes = apiCompare(before, after).diffs.map((diff) => {
    const reclassified = projectRule(diff);
    /** @type {SpecChange} */
    const change = {
      type: /** @type {ChangeType} */ (reclassified ? "breaking" : diff.type),
      action: diff.action,
      pointer: `#/${diff.path.map((key) => escapePointer(String(key))).join("/")}`,
      description: diff.description ?? "",
    };
    if (reclassified) change.reclassified = `${diff.type} for api-smart-diff; breaking here: ${reclassified}`;
    return change;
  });
  const beforeVersion = String(before.info?.version ?? "");
  const afterVersion = String(after.info?.version ?? "");
  return {
    changes,
    breaking: changes.filter((change) => change.type === "breaking"),
    beforeVersion,
    afterVersion,
    acknowledged: major(afterVersion) > major(beforeVersion),
  };
}
