// @ts-check
/**
 * How text from the spec is written into generated code: as data (JSON literals, quoted keys) or inside a
 * comment, escaped, never as code. A spec string may hold anything Redocly lets through: the end of a comment,
 * quotes, line terminators, an operationId such as `a:(code),a`.
 */

/** Every line terminator of JavaScript: a comment keeps none, so it stays on its line. */
const LINE_TERMINATORS = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * Text for a block comment: line terminators become spaces, and every star followed by a slash becomes `*\/`,
 * so the text cannot end the comment (terminators go first: removing one could otherwise join `*` and `/`).
 * @param {string} text
 * @returns {string}
 */
export function commentText(text) {
  return String(text).replace(LINE_TERMINATORS, " ").replace(/\*\//g, "*\\/");
}

/**
 * An object literal's key for `name`: always quoted; `__proto__` computed, since a quoted `"__proto__":` key
 * sets the object's prototype instead of making a property.
 * @param {string} name
 * @returns {string}
 */
export function propertyKey(name) {
  return name === "__proto__" ? '["__proto__"]' : JSON.stringify(name);
}

/**
 * A JavaScript literal of JSON data: JSON's text, except that every key goes through `propertyKey`.
 * @param {unknown} value plain JSON data (strings, finite numbers, booleans, null, arrays, objects).
 * @returns {string}
 * @throws {Error} for a value JSON cannot hold (undefined, a function, a symbol).
 */
export function jsLiteral(value) {
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([key, inner]) => `${propertyKey(key)}:${jsLiteral(inner)}`).join(",")}}`;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`jsLiteral: ${typeof value} is not JSON data`);
  return text;
}
