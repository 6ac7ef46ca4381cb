// @ts-check
/** The breaking-change gate: api-smart-diff's verdict on each change, with rules of this project's own. */
import { apiCompare } from "api-smart-diff";
import { deref, escapePointer } from "./spec.mjs";

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
 * The node at `path` of a document, following its `$ref`s on the way as api-smart-diff does; undefined where
 * there is none.
 * @param {any} doc
 * @param {Array<string | number>} path
 * @returns {any}
 */
function nodeAt(doc, path) {
  try {
    return path.reduce((/** @type {any} */ node, key) => deref(doc, node)?.[key], doc);
  } catch {
    return undefined;
  }
}

/**
 * Raises a change to breaking where api-smart-diff reads the spec as a wire format with open objects but a client
 * with generated types breaks.
 * @param {{ type: string, action: string, path: Array<string | number>, before?: unknown, after?: unknown }} diff
 * @param {unknown} before the document the change is from.
 * @returns {string | undefined} why the change is breaking here, or undefined to keep the tool's verdict.
 */
function projectRule(diff, before) {
  if (diff.type === "breaking") return undefined;
  const last = String(diff.path.at(-1));
  const parent = String(diff.path.at(-2));
  // An enum on a field or parameter that had none reads to the tool as values added to a request (non-breaking);
  // it narrows the generated type from `string` to those values, and the server now refuses any other.
  if (diff.action === "add" && parent === "enum") {
    const schema = deref(before, nodeAt(before, diff.path.slice(0, -2)));
    if (schema && typeof schema === "object" && !("enum" in schema)) {
      return "an enum imposed on a field that had none refuses every other value";
    }
  }
  // The tool keeps removing an optional property non-breaking (additional properties are allowed); the generated
  // types lose it, so callers that set or read it stop compiling.
  if (diff.action === "remove" && (parent === "properties" || last === "properties")) {
    return "a property removed from a schema disappears from the generated types";
  }
  // The tool mirrors request rules for responses, so a replaced `type` in a response is "non-breaking" to it; a
  // client reading that field breaks whichever way the type changes.
  if (diff.action === "replace" && last === "type") return "a changed type breaks every reader or writer of the field";
  // An annotation to the tool, but `chat.request(operationId, …)` and the exports of generated/operations.js are
  // named by it: a caller of the old name stops compiling (and gets an InvalidInputError from JavaScript).
  if (last === "operationId" && diff.action !== "add") return "callers name the operation by its operationId";
  // Removing one of the alternatives of a `security` list (root or operation) is "non-breaking" to the tool; a
  // client that authenticates only with the removed scheme (an API key, a session token) is refused from then on.
  if (diff.action === "remove" && /^\d+$/.test(last) && parent === "security") {
    return "a client authenticating with the removed scheme is refused";
  }
  // A field newly in `x-iwerp-required` (the list added, or an item added or replaced) is one a write without it
  // is refused for (422), as a field newly `required` is; the tool leaves the extension unclassified.
  if ((last === "x-iwerp-required" && diff.action === "add") || (parent === "x-iwerp-required" && diff.action !== "remove")) {
    return "a write without the newly needed field is refused";
  }
  // The `x-iwerp-*` extensions are unclassified to the tool; these change what clients do. Dropping
  // `x-iwerp-id` narrows the generated type from `string | number` to `number`; dropping `x-iwerp-secret` stops
  // the client's redactor and the fake's request log from hiding the field's value; a changed `x-iwerp-audience`
  // refuses the sessions the operation took before; a changed `x-iwerp-collection` renames the fake tenant's seed key.
  const marking = MARKINGS.get(last);
  if (!marking) return undefined;
  if (last === "x-iwerp-id" || last === "x-iwerp-secret") return diff.after === true ? undefined : marking;
  // Without the extension an operation is staff's (scripts/lib/model.mjs): writing that out changes nothing.
  if (last === "x-iwerp-audience") return (diff.before ?? "staff") === (diff.after ?? "staff") ? undefined : marking;
  if (diff.action !== "add") return marking;
  return undefined;
}

/** The `x-iwerp-*` extensions whose removal or change breaks a client, with why. */
const MARKINGS = new Map([
  ["x-iwerp-id", "the field's generated type no longer takes a string of digits"],
  ["x-iwerp-secret", "the field's value is no longer redacted from errors and logs"],
  ["x-iwerp-audience", "the sessions the operation accepted before are refused"],
  ["x-iwerp-collection", "the fake tenant's seed and state name the records by their collection"],
]);

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
  // api-smart-diff normalises the documents it is given in place (an `enum: []` where the other side has an enum):
  // it gets copies, so the caller's documents and the project's rules see the specs as written.
  const changes = apiCompare(structuredClone(before), structuredClone(after)).diffs.map((diff) => {
    const reclassified = projectRule(diff, before);
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
