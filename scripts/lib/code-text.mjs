// @ts-check
/**
 * How text from the spec is written into generated code: as data, inside a comment, escaped, or as an identifier;
 * never as code. A spec string may hold anything Redocly lets through: `*\/`, quotes, line terminators, an
 * operationId such as `a:(code),a`. Generated lines stay short, so a spec change reads as a diff.
 */

/** The longest line the generator writes (a single name from the spec that is longer stays whole). */
export const MAX_LINE = 160;

/** Every line terminator of JavaScript: a comment keeps none, so it stays on its line. */
const LINE_TERMINATORS = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * A JSDoc comment of `text`, escaped so that it cannot end the comment, wrapped at spaces to fit in `MAX_LINE`.
 * @param {string | string[]} text one paragraph, or several (an empty ` *` line between them).
 * @param {string} [indent] what each line starts with.
 * @returns {string[]} the comment's lines.
 */
export function docComment(text, indent = "") {
  // Line terminators become spaces, then every star followed by a slash becomes `*\/` (in this order: removing a
  // terminator could otherwise join `*` and `/`).
  const paragraphs = [text].flat().map((part) => String(part).replace(LINE_TERMINATORS, " ").replace(/\*\//g, "*\\/"));
  const [first = ""] = paragraphs;
  if (paragraphs.length === 1 && indent.length + first.length + 7 <= MAX_LINE) return [`${indent}/** ${first} */`];
  const lines = [`${indent}/**`];
  for (const [index, safe] of paragraphs.entries()) {
    if (index > 0) lines.push(`${indent} *`);
    let line = "";
    for (const word of safe.split(" ")) {
      if (line !== "" && indent.length + 3 + line.length + 1 + word.length > MAX_LINE) {
        lines.push(`${indent} * ${line}`);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    if (line !== "") lines.push(`${indent} * ${line}`);
  }
  lines.push(`${indent} */`);
  return lines;
}

/**
 * A string literal of `text`: JSON's, with U+2028 and U+2029 escaped too, so no line terminator reaches the file.
 * @param {string} text
 */
export function stringLiteral(text) {
  return JSON.stringify(String(text)).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * An object literal's key for `name`: always quoted; `__proto__` computed, since a quoted `"__proto__":` key
 * sets the object's prototype instead of making a property.
 * @param {string} name
 */
export function propertyKey(name) {
  return name === "__proto__" ? '["__proto__"]' : stringLiteral(name);
}

/**
 * A JavaScript literal of JSON data, its keys through `propertyKey` and strings through `stringLiteral`; on one line
 * where it fits in `MAX_LINE`, otherwise one entry per line, indented by two spaces per level.
 * @param {unknown} value plain JSON data.
 * @param {string} [indent] the indentation of the line the literal starts on.
 * @param {number} [taken] how many characters of that line come before the literal (its key, `export const …`);
 *   `-Infinity`: one line, however long.
 * @returns {string} possibly several lines, the first without indentation.
 * @throws {Error} for a value JSON cannot hold (undefined, a function, a symbol).
 */
function prettyLiteral(value, indent = "", taken = indent.length) {
  if (typeof value === "string") return stringLiteral(value);
  if (value instanceof Code) return value.text;
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`prettyLiteral: ${typeof value} is not JSON data`);
    return text;
  }
  const array = Array.isArray(value);
  /** @type {Array<[string, unknown]>} each entry's key as written (`"name": `; none in a list) and its value. */
  const entries = array ? value.map((item) => ["", item]) : Object.entries(value).map(([key, item]) => [`${propertyKey(key)}: `, item]);
  const flat = entries.map(([key, item]) => `${key}${prettyLiteral(item, "", -Infinity)}`).join(", ");
  const line = array ? `[${flat}]` : entries.length === 0 ? "{}" : `{ ${flat} }`;
  // One more for the `,` or `;` after the literal.
  if (taken + line.length + 1 <= MAX_LINE) return line;
  const inner = `${indent}  `;
  const lines = entries.map(([key, item]) => `${inner}${key}${prettyLiteral(item, inner, inner.length + key.length)},`).join("\n");
  return array ? `[\n${lines}\n${indent}]` : `{\n${lines}\n${indent}}`;
}

/** Code that `prettyLiteral` writes as it is (a name the generated module declares), not as data. */
export class Code {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
}

/**
 * `export const name = value;` after the JSDoc `doc`: an object with entries one entry per line, each after the JSDoc
 * of its key in `comments`, if any; anything else as `prettyLiteral` writes it.
 * @param {string} name
 * @param {unknown} value JSON data, and `Code`.
 * @param {{ doc: string, comments?: Record<string, string>, key?: (name: string) => string }} options `key`: how a key
 *   is written (default `propertyKey`).
 * @returns {string[]} the lines.
 */
export function exportConst(name, value, { doc, comments = {}, key = propertyKey }) {
  const head = `export const ${name} = `;
  const plain = value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Code;
  if (plain || Object.keys(value).length === 0) return [...docComment(doc), `${head}${prettyLiteral(value, "", head.length)};`];
  const entries = Object.entries(value).flatMap(([name, item]) => [
    ...(Object.hasOwn(comments, name) ? docComment(/** @type {string} */ (comments[name]), "  ") : []),
    `  ${key(name)}: ${prettyLiteral(item, "  ", key(name).length + 4)},`,
  ]);
  return [...docComment(doc), `${head}{`, ...entries, "};"];
}

/** Words that cannot name a binding in a module (strict mode), and names generated code must keep meaning what they mean. */
const RESERVED = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "implements import in instanceof interface let new null package private protected public return static super switch this throw " +
    "true try typeof var void while with yield arguments eval undefined NaN Infinity globalThis"
  ).split(" "),
);

/**
 * Hands out identifiers for names from the spec: letters, digits, `_` and `$` only (anything else becomes `_`),
 * never a reserved word or a name already handed out or taken (a `_2`, `_3` … suffix tells them apart).
 */
export class Identifiers {
  /** @type {Set<string>} */
  #taken;

  /** @param {Iterable<string>} taken names the generated module uses itself (its helpers, the globals it calls). */
  constructor(taken = []) {
    this.#taken = new Set([...RESERVED, ...taken]);
  }

  /** A new identifier like `name`. @param {string} name */
  claim(name) {
    let base = String(name).replace(/[^A-Za-z0-9_$]/g, "_");
    if (!/^[A-Za-z_$]/.test(base)) base = `_${base}`;
    let identifier = base;
    for (let n = 2; this.#taken.has(identifier); n++) identifier = `${base}_${n}`;
    this.#taken.add(identifier);
    return identifier;
  }
}
