import type { Issue } from "./issues.js";
import { MAX_JSON_DEPTH, nestedDeeperThan } from "./json-depth.js";

/** A request body read: the parsed JSON (for the log) and the entity in its envelope, or what is wrong with it. */
export type ReadBody =
  | { readonly ok: true; readonly json: unknown; readonly entity: Record<string, unknown> }
  | { readonly ok: false; readonly json: unknown; readonly status: 400 | 422; readonly issues: readonly Issue[] };

/** Parses JSON text; `undefined` for an empty body. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Reads a body that wraps the entity in `envelope` (`data`, or `login` for the login): 400 when it is no
 * JSON, 422 when it is missing, nested more than `MAX_JSON_DEPTH` levels deep or not an object, or when its
 * envelope holds something other than an object. A body without the envelope carries an empty entity: the
 * spec makes the envelope optional.
 */
export function readEnvelope(text: string, envelope: string): ReadBody {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, json: text, status: 400, issues: [{ path: ["body"], message: "is not valid JSON" }] };
  const json = parsed.value;
  if (json === undefined) return { ok: false, json, status: 422, issues: [{ path: ["body"], message: `is required: an object with the entity in \`${envelope}\`` }] };
  if (nestedDeeperThan(json, MAX_JSON_DEPTH)) return { ok: false, json, status: 422, issues: [{ path: ["body"], message: `is nested more than ${MAX_JSON_DEPTH} levels deep` }] };
  if (!isObject(json)) return { ok: false, json, status: 422, issues: [{ path: ["body"], message: `must be an object with the entity in \`${envelope}\`` }] };
  const entity = json[envelope] ?? {};
  if (!isObject(entity)) return { ok: false, json, status: 422, issues: [{ path: ["body", envelope], message: "must be object" }] };
  return { ok: true, json, entity };
}
