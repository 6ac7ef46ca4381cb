// @ts-check
/**
 * Writes the response checks the client runs (`generated/checks.js`): one function per component schema, from its
 * shape (scripts/lib/shapes.mjs), and one per other shape a 200 body has (a list of a schema, an inline object).
 * A check answers whether a value matches, allocating nothing. Given a place to report to (`at`), it also reports
 * each failing test; it reads every value just before testing it, so the client's recorder
 * (src/core/check-shape.ts), which sees each read, knows the JSON pointer of what failed. Plain code, made at build
 * time: nothing is compiled at run time. Names from the spec are string literals or sanitised identifiers, never
 * code (scripts/lib/code-text.mjs).
 */

import { docComment, Identifiers, stringLiteral } from "./code-text.mjs";

/** @typedef {import("./shapes.mjs").Shape} Shape */

/**
 * What every check calls: the type tests and the reporting of issues. A type test takes the value and the place
 * to report to (or none); `undefined`, an absent property, passes (every property is optional in this spec). A
 * test reports right after its value was read, with no other read in between: that is how the report finds its
 * path. Raw, so the pattern's backslashes stay as they are; only the escaped backticks of the comments lose theirs.
 */
const HELPERS = String.raw`/** RFC 3339 \`date-time\` in the forms Ajv's formats accept (e.g. \`2025-05-04T09:42:00Z\`): \`T\` or a space, \`Z\` or \`±hh[[:]mm]\`. */
const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt\s](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/;

/** Whether \`text\` is a date-time: its form, a day its month has (29 February in a leap year), a leap second only at 23:59 UTC. */
function isDateTime(text) {
  if (!DATE_TIME.test(text)) return false;
  const day = text.slice(8, 10);
  // Day 0 of the next month is the last of this one (setUTCFullYear takes a year before 100 as it is).
  if (day > "28" && +day > new Date(new Date(0).setUTCFullYear(+text.slice(0, 4), +text.slice(5, 7), 0)).getUTCDate()) return false;
  return text.slice(17, 19) !== "60" || isLastUtcMinute(text);
}

/** Whether the time of a date-time, less its offset, is 23:59 in UTC: the only minute with a leap second, as Ajv has it. */
function isLastUtcMinute(text) {
  const at = Math.max(text.lastIndexOf("+"), text.lastIndexOf("-"));
  const zone = at > 18 ? text.slice(at) : "+";
  const offset = (+zone.slice(1, 3) * 60 + (zone.length > 3 ? +zone.slice(-2) : 0)) * (zone[0] === "-" ? -1 : 1);
  return (+text.slice(11, 13) * 60 + +text.slice(14, 16) - offset + 1440) % 1440 === 1439;
}

/** Reports to \`at\`, if the caller gave a place, that the value read last is wrong; answers false. */
function fail(at, message) {
  if (at !== undefined) at.report(message);
  return false;
}

/** An own property's value: a name every object inherits (\`constructor\`, \`__proto__\`) counts only as the value's own. */
function own(value, name) {
  return Object.hasOwn(value, name) ? value[name] : undefined;
}

/** Whether \`value\` is a JSON object (not null, not an array). */
function isJsonObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether a property the schema requires is there: an absent one (undefined) is reported \`must be present\`. */
function present(value, at) {
  return value !== undefined || fail(at, "must be present");
}

/** Any value. */
function anything() {
  return true;
}

/** An absent value or a string. */
function string(value, at) {
  return value === undefined || typeof value === "string" || fail(at, "must be string");
}

/** An absent value or an integer. */
function integer(value, at) {
  return value === undefined || Number.isInteger(value) || fail(at, "must be integer");
}

/** An absent value or a finite number. */
function number(value, at) {
  return value === undefined || Number.isFinite(value) || fail(at, "must be number");
}

/** An absent value or a boolean. */
function boolean(value, at) {
  return value === undefined || typeof value === "boolean" || fail(at, "must be boolean");
}

/** An absent value or a \`date-time\` string; a string that is not one is told so, anything else that it must be a string (as Ajv does). */
function dateTime(value, at) {
  if (value === undefined) return true;
  if (typeof value !== "string") return fail(at, "must be string");
  return isDateTime(value) || fail(at, 'must match format "date-time"');
}

/** An absent value or any JSON object. */
function object(value, at) {
  return value === undefined || isJsonObject(value) || fail(at, "must be object");
}

/** An absent value or an array whose items pass \`item\`: without \`at\` the first wrong item settles it, with \`at\` each is reported. */
function array(value, at, item) {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return fail(at, "must be array");
  let ok = true;
  for (let index = 0; index < value.length && (ok || at !== undefined); index++) ok = item(value[index], at) && ok;
  return ok;
}`.replace(/\\`/g, "`");

/** The type test of each type name of a shape. */
const TYPE_TESTS = /** @type {const} */ ({
  any: "anything",
  string: "string",
  integer: "integer",
  number: "number",
  boolean: "boolean",
  "date-time": "dateTime",
  object: "object",
});

/** What the generated modules' code uses itself (comments aside), which no name from the spec may shadow. */
export const HELPER_WORDS = HELPERS.replace(/\/\*[\s\S]*?\*\//g, "").match(/[A-Za-z_$][\w$]*/g) ?? [];

/** The types `generated/checks.d.ts` declares, which no name from the spec may take either. */
export const CHECK_TYPE_NAMES = ["Check", "IssuePlace"];

/**
 * Writes the check functions of a set of component schemas, and of whatever other shape an operation's 200 body
 * has (a list of a schema, an inline object), as `generated/checks.js` and its declarations.
 */
export class CheckWriter {
  /** @type {Identifiers} */
  #names;
  /** The function of each component schema, by schema name (a Map: a schema may be named `__proto__`). */
  #ofSchema = new Map();
  /** The properties each component schema requires, by the name of its function. */
  #required = new Map();
  /** The function of each list, by the function of its items. */
  #ofArray = new Map();
  /** @type {Array<{ name: string, doc: string, lines: string[] }>} the functions, in the order they are written. */
  #functions = [];

  /**
   * @param {Record<string, Shape>} schemas the component schemas, by name, in the spec's order.
   * @param {Identifiers} names where every identifier of the generated modules comes from.
   * @param {Record<string, string[]>} [required] the properties each schema requires, by schema name.
   */
  constructor(schemas, names, required = {}) {
    this.#names = names;
    // Named first, in the spec's order, so a schema's function keeps its name whatever the operations refer to.
    for (const name of Object.keys(schemas)) this.#ofSchema.set(name, names.claim(`is${name}`));
    for (const [name, properties] of Object.entries(required)) this.#required.set(this.#ofSchema.get(name), new Set(properties));
    for (const [name, shape] of Object.entries(schemas)) this.#define(this.#ofSchema.get(name), `\`#/components/schemas/${name}\`.`, shape);
  }

  /**
   * The name of the function that checks `shape`, written if there is none yet.
   * @param {Shape} shape
   * @param {string} suggestion a name for a new function (an inline object's).
   * @returns {string}
   */
  checkOf(shape, suggestion) {
    if (typeof shape === "string") {
      if (!shape.startsWith("#")) {
        if (!Object.hasOwn(TYPE_TESTS, shape)) throw new Error(`the response check knows no type ${JSON.stringify(shape)}`);
        return TYPE_TESTS[/** @type {keyof typeof TYPE_TESTS} */ (shape)];
      }
      const name = this.#ofSchema.get(shape.slice(1));
      if (name === undefined) throw new Error(`${shape} is not a component schema of the spec`);
      return name;
    }
    if (Array.isArray(shape)) {
      const item = this.checkOf(shape[0] ?? "any", `${suggestion}Item`);
      let name = this.#ofArray.get(item);
      if (name === undefined) {
        name = this.#names.claim(`${item}Array`);
        this.#ofArray.set(item, name);
        this.#define(name, `A list of which each item passes \`${item}\`.`, shape);
      }
      return name;
    }
    const name = this.#names.claim(suggestion);
    this.#define(name, "An inline object of the spec.", shape);
    return name;
  }

  /**
   * Adds the function `name` that checks `shape`.
   * @param {string} name
   * @param {string} doc its JSDoc sentence.
   * @param {Shape} shape
   */
  #define(name, doc, shape) {
    const entry = { name, doc, lines: /** @type {string[]} */ ([]) };
    // Listed before the functions its body defines, so a schema reads before its inline parts.
    this.#functions.push(entry);
    if (typeof shape === "string" || Array.isArray(shape)) {
      entry.lines = [`  return ${this.#test(shape, "value", name)};`];
      return;
    }
    const required = this.#required.get(name) ?? new Set();
    const tests = Object.entries(shape)
      .filter(([property, inner]) => inner !== "any" || required.has(property))
      .map(([property, inner]) => {
        const test = this.#test(inner, read(property), `${name}_${property}`);
        // Read again by the type test, so a report of either names the property's path.
        return required.has(property) ? `(present(${read(property)}, at) && ${test})` : test;
      });
    entry.lines = [
      "  if (!isJsonObject(value)) return object(value, at);",
      // `&`, not `&&`: every property is tested, so with a place each issue is reported (and a valid body, nearly
      // every body, is tested in full anyway).
      ...returnAll(tests),
    ];
  }

  /**
   * A call that tests the value `value` against `shape`, reporting to `at`.
   * @param {Shape} shape
   * @param {string} value an expression that reads the value.
   * @param {string} suggestion the name of a function an inline object would get.
   * @returns {string}
   */
  #test(shape, value, suggestion) {
    if (Array.isArray(shape)) return `array(${value}, at, ${this.checkOf(shape[0] ?? "any", `${suggestion}Item`)})`;
    return `${this.checkOf(shape, suggestion)}(${value}, at)`;
  }

  /**
   * `generated/checks.js` and `generated/checks.d.ts`.
   * @param {string} header the "generated, do not edit" comment.
   * @returns {{ js: string, dts: string }}
   */
  render(header) {
    const js = [
      header,
      "//",
      "// Response checks: one function per component schema, and per other shape of a 200 body (a list). check(value)",
      "// answers whether value matches the spec, allocating nothing; check(value, at) also reports each failing test to",
      "// at.report(message), right after reading the value it tests. An absent value (undefined) passes: a schema's check",
      "// leaves a value that is not an object to object(), which passes an absent one and reports any other.",
      "",
      HELPERS,
      ...this.#functions.flatMap(({ name, doc, lines }) => ["", ...docComment(doc), `export function ${name}(value, at) {`, ...lines, "}"]),
      "",
    ].join("\n");
    const dts = [
      header,
      "",
      "/** Where a check reports what is wrong with the value it read last. */",
      "export interface IssuePlace {",
      "  report(message: string): void;",
      "}",
      "",
      "/**",
      " * A response check generated from the spec: whether `value` matches (an absent value, `undefined`, does), allocating",
      " * nothing. With `at` it also reports each failing test, right after reading the value it tests.",
      " */",
      "export type Check = (value: unknown, at?: IssuePlace) => boolean;",
      ...this.#functions.flatMap(({ name, doc }) => ["", ...docComment(doc), `export declare const ${name}: Check;`]),
      "",
    ].join("\n");
    return { js, dts };
  }
}

/**
 * The lines that return whether every one of `tests` (expressions) passed, each evaluated.
 * @param {string[]} tests
 * @returns {string[]}
 */
function returnAll(tests) {
  if (tests.length === 0) return ["  return true;"];
  // A single test is a boolean already; `&` of several makes 1 or 0.
  if (tests.length === 1) return [`  return ${tests[0]};`];
  return ["  return (", `    ${tests.join(" &\n    ")}`, "  ) === 1;"];
}

/**
 * How a check reads the property `name` of its `value`: `value.name` for a plain name, `value["…"]` for any
 * other, and through `own` for a name every object inherits.
 * @param {string} name
 * @returns {string}
 */
function read(name) {
  if (name in Object.prototype) return `own(value, ${stringLiteral(name)})`;
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `value.${name}` : `value[${stringLiteral(name)}]`;
}
