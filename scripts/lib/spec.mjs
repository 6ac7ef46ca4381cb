// @ts-check
/**
 * The one spec module of the tooling, the tests and the bench (the runtime client reads only `generated/`): the
 * bundled spec, `$ref` resolution, the operation list, path matching and one Ajv set-up.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { BUNDLED_SPEC } from "./paths.mjs";

/** The methods of a path item, in the order OpenAPI lists them. */
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** @type {any} */
let parsed;

/**
 * The bundled spec (`generated/openapi.yaml`), parsed once and shared: `structuredClone` a part before changing it.
 * @returns {any}
 */
export function readSpec() {
  return (parsed ??= parse(readFileSync(BUNDLED_SPEC, "utf8")));
}

/** Escapes one segment of a JSON pointer (`~` → `~0`, `/` → `~1`). @param {string} segment */
export function escapePointer(segment) {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Follows local `$ref`s (`#/…`) until a node that is none; fails on a `$ref` that leads nowhere or in a circle.
 * @param {any} spec
 * @param {any} node
 * @returns {any}
 */
export function deref(spec, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    if (!ref.startsWith("#/")) throw new Error(`$ref ${ref} is not local; the bundled spec has only #/… references`);
    current = ref
      .slice(2)
      .split("/")
      .reduce((/** @type {any} */ at, /** @type {string} */ part) => at?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

/** The name a `$ref` ends in, e.g. `ChatroomRef` for `#/components/schemas/ChatroomRef`. @param {any} node */
export function refName(node) {
  return typeof node?.$ref === "string" ? node.$ref.split("/").at(-1) : undefined;
}

/**
 * One operation of the spec, its `$ref`s resolved where a reader needs them.
 * @typedef {object} SpecOperation
 * @property {string} operationId
 * @property {string} method lower case, as in the spec.
 * @property {string} path the template, e.g. `/api/chat/chatroom/{identifier}`.
 * @property {any} node the operation object as the spec has it.
 * @property {any[]} parameters the path item's and the operation's (which wins), resolved.
 * @property {any} requestBody the request body's `application/json` media, resolved, if any.
 * @property {any} ok the 200 response's `application/json` media, resolved, if any.
 * @property {string} okPointer the JSON pointer of the 200 body's schema for `violations`, through a shared
 *   response's `$ref` (a pointer cannot pass through one).
 */

/**
 * Every operation of the spec, in the spec's order.
 * @param {any} [spec] default: the bundled spec.
 * @returns {SpecOperation[]}
 */
export function specOperations(spec = readSpec()) {
  return Object.entries(spec.paths ?? {}).flatMap(([path, rawItem]) => {
    const item = deref(spec, rawItem);
    return METHODS.filter((method) => item?.[method]).map((method) => {
      const node = item[method];
      const parameters = new Map();
      for (const raw of [...(item.parameters ?? []), ...(node.parameters ?? [])]) {
        const parameter = deref(spec, raw);
        parameters.set(`${parameter.in} ${parameter.name}`, parameter);
      }
      const okRaw = node.responses?.["200"];
      const okBase = okRaw?.$ref ?? `#/paths/${escapePointer(path)}/${method}/responses/200`;
      return {
        operationId: node.operationId ?? `${method} ${path}`,
        method,
        path,
        node,
        parameters: [...parameters.values()],
        requestBody: node.requestBody ? deref(spec, deref(spec, node.requestBody).content?.["application/json"]) : undefined,
        ok: okRaw ? deref(spec, deref(spec, okRaw).content?.["application/json"]) : undefined,
        okPointer: `${okBase}/content/application~1json/schema`,
      };
    });
  });
}

/**
 * The named examples of a media type or parameter (`examples.<name>.value`, or `example` named `example`), resolved.
 * @param {any} spec
 * @param {{ example?: unknown, examples?: Record<string, any> } | undefined} holder
 * @returns {Array<{ name: string, value: unknown }>}
 */
export function namedExamples(spec, holder) {
  if (holder?.examples) return Object.entries(holder.examples).map(([name, example]) => ({ name, value: deref(spec, example)?.value }));
  return holder?.example === undefined ? [] : [{ name: "example", value: holder.example }];
}

/**
 * Compiles a path template into a matcher: the values of its parameters (decoded) for a path it matches.
 * @param {string} template e.g. `/api/chat/chatroom/{identifier}`.
 * @returns {(pathname: string) => Record<string, string> | undefined}
 */
export function pathMatcher(template) {
  /** @type {string[]} */
  const names = [];
  // The template is data: everything but a `{name}` matches itself only.
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? (names.push(part.slice(1, -1)), "([^/]+)") : part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")))
    .join("");
  const pattern = new RegExp(`^${source}$`);
  return (pathname) => {
    const match = pattern.exec(pathname);
    if (!match) return undefined;
    /** @type {Record<string, string>} */
    const params = {};
    names.forEach((name, i) => {
      const raw = match[i + 1] ?? "";
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return params;
  };
}

/**
 * Finds the operation a request is for among `operations` (`specOperations()`, the generated `OPERATIONS`' entries…).
 * @template {{ method: string, path: string }} T
 * @param {Iterable<T>} operations
 * @returns {(method: string, pathname: string) => { operation: T, params: Record<string, string> } | undefined}
 */
export function operationMatcher(operations) {
  const compiled = [...operations].map((operation) => ({ operation, match: pathMatcher(operation.path) }));
  return (method, pathname) => {
    for (const { operation, match } of compiled) {
      if (operation.method.toUpperCase() !== method.toUpperCase()) continue;
      const params = match(pathname);
      if (params) return { operation, params };
    }
    return undefined;
  };
}

/**
 * The one Ajv of the tooling and the tests (JSON Schema 2020-12, every error, ajv-formats), holding `spec`:
 * independent of the client's generated checks, so it can judge them.
 * @param {any} [spec] default: the bundled spec.
 * @returns {{ compile(pointer: string): import("ajv").ValidateFunction, violations(pointer: string, value: unknown): string[] }}
 *   `compile`: Ajv's validate function of the schema at `pointer` (e.g. `#/components/schemas/Chatroom`, an
 *   `okPointer`), compiled once; `violations`: what is wrong with `value` against it, as `path: message` lines.
 */
export function createSpecValidator(spec = readSpec()) {
  const id = "spec";
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...spec, $id: id });
  /** @param {string} pointer */
  const compile = (pointer) => ajv.getSchema(`${id}${pointer}`) ?? ajv.compile({ $ref: `${id}${pointer}` });
  return {
    compile,
    violations(pointer, value) {
      const validate = compile(pointer);
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath || "/"}: ${error.message ?? error.keyword}`);
    },
  };
}
