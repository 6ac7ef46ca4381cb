// @ts-check
/** What the API reference must show for each operation of the spec, so the page check grows with the spec. */
import { deref, namedExamples, specOperations } from "../lib/spec.mjs";

/** How deep Redoc's samples are open on arrival: the root's members, and theirs (a list's items' fields). */
const OPEN_SAMPLE_DEPTH = 2;

/**
 * One operation as the reference should present it: `method` upper case, `tag` its first (the sidebar group),
 * `fields` each body's longest top-level property, `examples` a value of each body's first example, as JSON.
 * @typedef {{ operationId: string, method: string, path: string, tag: string | undefined, summary: string,
 *   fields: { in: Body, name: string }[], examples: { in: Body, text: string }[] }} DocumentedOperation
 * @typedef {"request" | "response"} Body
 */

/** The spec's operations in document order with what the page must show for each. @param {any} spec */
export function documentedOperations(spec) {
  const resolve = (/** @type {any} */ node) => deref(spec, node);
  // The request and 200 bodies are application/json, the one media type the spec uses.
  return specOperations(spec).map(({ node: operation, method, path, requestBody: request, ok: response }) => {
    /** @type {DocumentedOperation["fields"]} */
    const fields = [];
    /** @type {DocumentedOperation["examples"]} */
    const examples = [];
    for (const [where, media] of /** @type {const} */ ([["request", request], ["response", response]])) {
      if (!media) continue;
      // The longest name, the first on a tie (stable sort): the least likely to occur elsewhere on the page.
      const name = topLevelProperties(media.schema, resolve).toSorted((a, b) => b.length - a.length)[0];
      if (name) fields.push({ in: where, name });
      const text = distinctiveValue(namedExamples(spec, media)[0]?.value);
      if (text) examples.push({ in: where, text });
    }
    return { operationId: operation.operationId ?? "", method: method.toUpperCase(), path, tag: operation.tags?.[0], summary: operation.summary ?? "", fields, examples };
  });
}

/**
 * The property names a body's field table lists at its top level (a list's: its items').
 * @param {any} schema @param {(node: any) => any} resolve @returns {string[]}
 */
function topLevelProperties(schema, resolve) {
  const resolved = resolve(schema);
  if (!resolved || typeof resolved !== "object") return [];
  if (resolved.items) return topLevelProperties(resolved.items, resolve);
  const own = Object.keys(resolved.properties ?? {});
  const parts = (resolved.allOf ?? []).flatMap((/** @type {any} */ part) => topLevelProperties(part, resolve));
  return [...new Set([...own, ...parts])];
}

/**
 * The value that best proves the example (not a generated sample) is shown: a string other than the placeholder
 * `"string"` if there is one, else the longest; only values visible before anything is expanded.
 * @param {unknown} example
 * @returns {string | undefined} the value as the page writes it (JSON), e.g. `"2025-05-04T09:42:00Z"`.
 */
function distinctiveValue(example) {
  const texts = scalarsOpenOnArrival(example, 0).map((value) => JSON.stringify(value));
  const score = (/** @type {string} */ text) => (text.startsWith('"') && text !== '"string"' ? 1000 : 0) + text.length;
  return texts.toSorted((a, b) => score(b) - score(a))[0];
}

/** @param {unknown} value @param {number} depth @returns {unknown[]} the scalars at most OPEN_SAMPLE_DEPTH levels down. */
function scalarsOpenOnArrival(value, depth) {
  if (value === null || typeof value !== "object") return value === undefined ? [] : [value];
  if (depth >= OPEN_SAMPLE_DEPTH) return [];
  return Object.values(value).flatMap((child) => scalarsOpenOnArrival(child, depth + 1));
}
