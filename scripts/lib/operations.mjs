// @ts-check
/**
 * Reads the bundled spec's operations into the facts the client needs at run time: method and path,
 * whether a repeat is safe, the request body's envelope key, which request fields are secrets
 * (`x-iwerp-secret`) and which are ids (`x-iwerp-id`), the 200 body's JSON pointer and top-level type, and how a list pages; and writes them,
 * with the response checks (checks.mjs), as `generated/operations.*` and `generated/checks.*`. Nothing here is
 * kept by hand: every fact comes from the spec.
 */

import { CHECK_TYPE_NAMES, CheckWriter, HELPER_WORDS } from "./checks.mjs";
import { Code, docComment, exportConst, Identifiers, stringLiteral } from "./code-text.mjs";
import { ID_EXTENSION } from "./named-types.mjs";
import { componentRequired, componentShapes, reachableShapes, shapeOf } from "./shapes.mjs";
import { deref, specOperations } from "./spec.mjs";

/** Methods HTTP defines as idempotent: repeating one has the effect of doing it once. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** The extension that marks a property whose value is a secret. */
const SECRET_EXTENSION = "x-iwerp-secret";

/**
 * @typedef {object} OperationFacts
 * @property {string} id the operationId.
 * @property {string} method upper case, e.g. `GET`.
 * @property {string} path e.g. `/api/chat/chatroom/{identifier}`.
 * @property {string} summary
 * @property {boolean} idempotent
 * @property {boolean} authenticated whether the operation needs the session token.
 * @property {string[]} pathParams names of the path parameters.
 * @property {string | undefined} envelope the request body's one property, e.g. `data`; undefined without a body.
 * @property {string[]} requestSecrets names of request body properties marked secret.
 * @property {string[]} bodyIds where the request entity holds ids (see `idPaths`).
 * @property {string} responsePointer JSON pointer of the 200 `application/json` schema.
 * @property {"object" | "array"} response the 200 body's top-level type.
 * @property {import("./shapes.mjs").Shape} shape the 200 body's shape (see shapes.mjs).
 * @property {import("./shapes.mjs").Shape | undefined} bodyShape the shape of the request body's entity (inside the envelope), if it has a body.
 * @property {ReturnType<typeof pagingOf> | undefined} paging
 */

/**
 * The paging facts of a list operation (`paging` of `OperationSpec` in generated/operations.d.ts). The values the
 * spec allows for each parameter are `[minimum, maximum]`: without a `minimum` a page counts from the first page and
 * a page size from 1, without a `maximum` up to `Number.MAX_SAFE_INTEGER`.
 * @param {any} spec
 * @param {any} page the `page` query parameter.
 * @param {any} pageSize the `pageSize` query parameter.
 * @param {any} responseSchema the 200 body's schema, an array.
 * @param {string} where the operation, for the error.
 * @returns {NonNullable<import("../../generated/operations.js").OperationSpec["paging"]>}
 */
function pagingOf(spec, page, pageSize, responseSchema, where) {
  const firstPage = page.schema?.default ?? 0;
  const item = deref(spec, deref(spec, responseSchema).items);
  /** @param {any} schema @param {number} lowest the minimum when the schema gives none. @returns {[number, number]} */
  const pagingLimits = (schema, lowest) => [schema?.minimum ?? lowest, schema?.maximum ?? Number.MAX_SAFE_INTEGER];
  const limits = { page: pagingLimits(page.schema, firstPage), pageSize: pagingLimits(pageSize.schema, 1) };
  const defaultPageSize = pageSize.schema?.default ?? 50;
  // listAll and the infinite queries send the defaults when the caller gives none, and the client holds every
  // page and pageSize to the limits: a default outside them made each such call an InvalidInputError.
  for (const [name, value, [min, max]] of /** @type {const} */ ([["page", firstPage, limits.page], ["pageSize", defaultPageSize, limits.pageSize]])) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${where}: the query parameter ${name}'s default ${JSON.stringify(value)} is not a whole number from its minimum ${min} to its maximum ${max}: change the default or the limits`);
    }
  }
  return {
    page: "page",
    pageSize: "pageSize",
    firstPage,
    defaultPageSize,
    limits,
    idProperty: item?.properties?.id ? "id" : null,
  };
}

/**
 * The paths inside `schema` (through `$ref`s, properties and list items) of the properties whose schema is marked
 * `extension`: each a list of property names, `[]` for every item of a list. A schema that contains itself ends the
 * walk where it repeats.
 * @param {any} spec
 * @param {any} schema
 * @param {string} extension e.g. `x-iwerp-id`.
 * @returns {string[][]}
 */
function markedPaths(spec, schema, extension) {
  /** @type {string[][]} */
  const found = [];
  /** @param {any} node @param {string[]} steps @param {any[]} ancestors the schemas above. */
  const walk = (node, steps, ancestors) => {
    const resolved = deref(spec, node);
    if (!resolved || typeof resolved !== "object" || ancestors.includes(resolved)) return;
    if (steps.length > 0 && (resolved[extension] === true || node?.[extension] === true)) found.push(steps);
    const inside = [...ancestors, resolved];
    for (const [name, property] of Object.entries(resolved.properties ?? {})) walk(property, [...steps, name], inside);
    if (resolved.items) walk(resolved.items, [...steps, "[]"], inside);
  };
  walk(schema, [], []);
  return found;
}

/**
 * Names of the properties marked `x-iwerp-secret` anywhere inside `schema`.
 * @param {any} spec
 * @param {any} schema
 * @returns {string[]}
 */
function secretProperties(spec, schema) {
  const names = markedPaths(spec, schema, SECRET_EXTENSION).map((steps) => /** @type {string} */ (steps.at(-1)));
  return [...new Set(names.filter((name) => name !== "[]"))].sort();
}

/**
 * Where a request entity holds ids: the paths of the properties whose schema is marked `x-iwerp-id` (through
 * `$ref`s and lists), dotted from the entity, `[]` for every item of a list: `id`, `chatroom.id`, `reactions[].id`.
 * The client sends a string of digits given there as the integer (see `src/core/json-body.ts`).
 * @param {any} spec
 * @param {any} schema the entity's schema (inside the envelope).
 * @param {string} where the operation, for the error.
 * @returns {string[]}
 */
export function idPaths(spec, schema, where) {
  return markedPaths(spec, schema, ID_EXTENSION).map((steps) => {
    // A name with `.` or `[` would read as two steps of the path.
    const odd = steps.find((step) => step !== "[]" && /[.[]/.test(step));
    if (odd !== undefined) throw new Error(`${where}: the property ${JSON.stringify(odd)} leads to an id (${ID_EXTENSION}), but its name has "." or "[": rename it`);
    return steps.join(".").replaceAll(".[]", "[]");
  });
}

/**
 * @param {any} spec the parsed bundled spec.
 * @returns {OperationFacts[]} in the spec's order.
 */
export function readOperations(spec) {
  return specOperations(spec).map(({ operationId: id, method, path, node: operation, parameters, requestBody, ok, okPointer }) => {
    if (typeof operation.operationId !== "string") throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    const responseSchema = ok?.schema;
    if (!responseSchema) throw new Error(`${id}: no 200 application/json response schema`);
    const responseType = deref(spec, responseSchema).type;
    if (responseType !== "object" && responseType !== "array") throw new Error(`${id}: the 200 body must be an object or an array (got ${responseType})`);
    const bodySchema = requestBody && deref(spec, requestBody.schema);
    const envelopeKeys = bodySchema ? Object.keys(bodySchema.properties ?? {}) : [];
    if (bodySchema && envelopeKeys.length !== 1) throw new Error(`${id}: the request body must be an envelope with one property (got ${envelopeKeys.join(", ")})`);
    const page = parameters.find((p) => p.in === "query" && p.name === "page");
    const pageSize = parameters.find((p) => p.in === "query" && p.name === "pageSize");
    const security = operation.security ?? spec.security ?? [];
    return {
      id,
      method: method.toUpperCase(),
      path,
      summary: operation.summary ?? "",
      // An operation of a kind of its own (`x-iwerp-kind`: the login, `create_jwt`, a GET that mints a credential)
      // creates something each time, whatever its method: repeating it is not doing it once.
      idempotent: IDEMPOTENT.has(method.toUpperCase()) && !operation["x-iwerp-kind"],
      authenticated: security.length > 0,
      pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
      envelope: envelopeKeys[0],
      requestSecrets: bodySchema ? secretProperties(spec, bodySchema) : [],
      bodyIds: bodySchema ? idPaths(spec, bodySchema.properties[envelopeKeys[0] ?? ""], id) : [],
      responsePointer: okPointer,
      response: responseType,
      shape: shapeOf(responseSchema, `${id} 200`),
      bodyShape: bodySchema ? shapeOf(bodySchema.properties[envelopeKeys[0] ?? ""], `${id} request body`) : undefined,
      paging: page && pageSize && responseType === "array" ? pagingOf(spec, page, pageSize, responseSchema, id) : undefined,
    };
  });
}

/** The identifiers `generated/operations.js` declares itself, and the types its declarations name. */
const TABLE_NAMES = [
  ...["OPERATIONS", "SECRET_FIELDS", "SCHEMAS", "REQUEST_CHECKS"],
  ...["ResponseOf", "Shape", "OperationSpec", "OperationOf", "SchemaName", "operations"],
];

/**
 * The generated modules: `operations.js` (one export per operation, named by its operationId, with its facts
 * and its 200 check; `OPERATIONS`, every one by operationId; `SECRET_FIELDS`; `SCHEMAS`,
 * the component schemas' shapes as data, for the fake tenant), `checks.js` (the checks), and their declarations. An app
 * imports the operations it calls, and a bundler leaves the others out, with the checks only they use.
 * @param {any} spec
 * @param {string} header the "generated, do not edit" comment.
 * @returns {{ js: string, dts: string, checksJs: string, checksDts: string }}
 */
export function renderOperations(spec, header) {
  const operations = readOperations(spec);
  const components = componentShapes(spec);
  const schemas = reachableShapes(components, operations.map((op) => op.shape));
  const names = new Identifiers([...HELPER_WORDS, ...CHECK_TYPE_NAMES, ...TABLE_NAMES]);
  // Every component schema gets its check (request bodies' too, so each can be compared with Ajv); a bundle keeps
  // only those of the operations it imports.
  const checks = new CheckWriter(components, names, componentRequired(spec));
  const entries = operations.map((op) => {
    const identifier = names.claim(op.id);
    const check = checks.checkOf(op.shape, `is_${op.id}_200`);
    const facts = {
      method: op.method,
      path: op.path,
      idempotent: op.idempotent,
      authenticated: op.authenticated,
      pathParams: op.pathParams,
      envelope: op.envelope ?? null,
      requestSecrets: op.requestSecrets,
      response: op.response,
      // Only where the body holds ids: a bundle carries nothing for the other operations.
      ...(op.bodyIds.length > 0 ? { bodyIds: op.bodyIds } : {}),
      check: new Code(check),
      paging: op.paging ?? null,
    };
    // Spec text is data: the summary and path only inside an escaped comment, the operationId a string.
    const doc = `${op.summary} (\`${op.method} ${op.path}\`).`;
    const js = exportConst(identifier, facts, { doc, key: (key) => key });
    const dts = [...docComment(doc), `export declare const ${identifier}: OperationOf<${stringLiteral(op.id)}>;`];
    const requestCheck = op.bodyShape === undefined ? null : checks.checkOf(op.bodyShape, `is_${op.id}_body`);
    return { id: op.id, identifier, check, requestCheck, js, dts };
  });
  const imported = [...new Set(entries.flatMap((entry) => (entry.requestCheck === null ? [entry.check] : [entry.check, entry.requestCheck])))];
  const schemaNames = Object.keys(schemas).map((name) => stringLiteral(name));
  /** @param {(entry: (typeof entries)[number]) => unknown} value */
  const byId = (value) => Object.fromEntries(entries.map((entry) => [entry.id, value(entry)]));
  const schemaSecrets = Object.values(spec.components?.schemas ?? {}).flatMap((schema) => secretProperties(spec, schema));
  const js = [
    header,
    "",
    ...(imported.length === 0 ? [] : ["import {", ...imported.map((name) => `  ${name},`), '} from "./checks.js";']),
    ...entries.flatMap((entry) => ["", ...entry.js]),
    "",
    ...exportConst("OPERATIONS", byId((entry) => new Code(entry.identifier)), {
      doc: "Every operation of the spec, by operationId: what `chat.request(operationId, …)` needs.",
    }),
    "",
    ...exportConst("SECRET_FIELDS", [...new Set(schemaSecrets)].sort(), {
      doc: `Names of the fields marked \`${SECRET_EXTENSION}\` anywhere in the spec: their values are redacted wherever they are echoed.`,
    }),
    "",
    ...exportConst("SCHEMAS", schemas, {
      doc: "The shape of every component schema a response refers to, by name: what `\"#Name\"` in a shape stands for.",
    }),
    "",
    ...exportConst("REQUEST_CHECKS", byId((entry) => (entry.requestCheck === null ? null : new Code(entry.requestCheck))), {
      doc: "The check of each operation's request entity (inside the envelope), by operationId; null without a body. For tools and tests (the fake tenant).",
    }),
    "",
  ].join("\n");
  const dts = [
    header,
    'import type { operations } from "./openapi.js";',
    'import type { Check } from "./checks.js";',
    "",
    "/** The 200 `application/json` body of an operation (an entry of `operations`). */",
    'export type ResponseOf<Op> = Op extends { responses: { 200: { content: { "application/json": infer T } } } } ? T : never;',
    "",
    "/**",
    " * What a JSON value must look like: a type name (`\"string\"`, `\"integer\"`, `\"number\"`, `\"boolean\"`, `\"date-time\"`,",
    " * `\"object\"`, `\"any\"`), `\"#Name\"` for a schema of `SCHEMAS`, `[shape]` for an array, `{ name: shape }` for an object.",
    " */",
    "export type Shape = string | readonly Shape[] | { readonly [name: string]: Shape };",
    "",
    "/** What the client needs to call one operation: `T` is its 200 body's type, `Id` its operationId. */",
    "export interface OperationSpec<T = unknown, Id extends string = string> {",
    "  /** Upper case, e.g. `GET`. */",
    '  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";',
    "  /** The path template, e.g. `/api/chat/chatroom/{identifier}`. */",
    "  readonly path: string;",
    "  /**",
    "   * Whether repeating the request has the effect of sending it once (GET, PUT, DELETE; not `create_jwt`, a GET that mints",
    "   * a token each time), so an ambiguous failure may be retried.",
    "   */",
    "  readonly idempotent: boolean;",
    "  /** Whether the operation needs the session token. */",
    "  readonly authenticated: boolean;",
    "  /** The names of the path parameters. */",
    "  readonly pathParams: readonly string[];",
    "  /** The request body's envelope key (`data`, `login`), or null for an operation without a body. */",
    "  readonly envelope: string | null;",
    `  /** Request body fields marked \`${SECRET_EXTENSION}\`. */`,
    "  readonly requestSecrets: readonly string[];",
    `  /** Where the request entity holds ids (\`${ID_EXTENSION}\`), e.g. \`chatroom.id\` (\`[]\`: each item of a list); absent when it holds none. */`,
    "  readonly bodyIds?: readonly string[];",
    "  /** What the 200 body is at its top level. */",
    '  readonly response: "object" | "array";',
    "  /** The 200 body's check, generated from the spec (`checks.js`). */",
    "  readonly check: Check;",
    "  /**",
    "   * How the list pages, for an operation with `page` and `pageSize`: the parameters' names and defaults, the values",
    "   * the spec allows for each (`limits`, by name), and the item property that tells items apart (`idProperty`), if any.",
    "   */",
    "  readonly paging: {",
    "    readonly page: string;",
    "    readonly pageSize: string;",
    "    readonly firstPage: number;",
    "    readonly defaultPageSize: number;",
    "    readonly limits: { readonly [name: string]: readonly [min: number, max: number] };",
    "    readonly idProperty: string | null;",
    "  } | null;",
    "  /** The 200 body's type (no value: it types the operation's result). */",
    "  readonly result?: T;",
    "  /** The operationId (no value: it types the operation's input; the export and `OPERATIONS` name it). */",
    "  readonly operationId?: Id;",
    "}",
    "",
    "/** The facts of the operation `Id`. */",
    "export type OperationOf<Id extends keyof operations> = OperationSpec<ResponseOf<operations[Id]>, Id>;",
    ...entries.flatMap((entry) => ["", ...entry.dts]),
    "",
    "/** Every operation of the spec, by operationId. */",
    "export declare const OPERATIONS: { readonly [Id in keyof operations]: OperationOf<Id> };",
    "",
    `/** Names of the fields marked \`${SECRET_EXTENSION}\` anywhere in the spec. */`,
    "export declare const SECRET_FIELDS: readonly string[];",
    "",
    "/** The name of a component schema a response refers to. */",
    `export type SchemaName =${schemaNames.length === 0 ? " never" : schemaNames.map((name) => `\n  | ${name}`).join("")};`,
    "",
    "/** The shape of every component schema a response refers to, by name. */",
    "export declare const SCHEMAS: { readonly [Name in SchemaName]: Shape };",
    "",
    "/** The check of each operation's request entity (inside the envelope), by operationId; null without a body. */",
    "export declare const REQUEST_CHECKS: { readonly [Id in keyof operations]: Check | null };",
    "",
  ].join("\n");
  const rendered = checks.render(header);
  return { js, dts, checksJs: rendered.js, checksDts: rendered.dts };
}
