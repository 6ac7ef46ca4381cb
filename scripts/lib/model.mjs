// @ts-check
/**
 * The fake tenant's model (`generated/model.*`: its collections of records and how it serves each operation, and what
 * each write makes stale, which the TanStack Query entry invalidates), read from the spec's operations, schemas and
 * the `x-iwerp-*` extensions of openapi/README.md. A wrong or ambiguous extension fails the generation, saying what
 * to fix: the model never guesses.
 */
import { exportConst, propertyKey, stringLiteral } from "./code-text.mjs";
import { readOperations as operationFacts } from "./operations.mjs";
import { deref, refName, specOperations } from "./spec.mjs";

/** What an operation does, as the fake tenant serves it and the tenant walk calls it. */
const KINDS = ["list", "get", "create", "update", "delete", "login", "api-token", "other"];
/** The kinds that read or write one record of a collection. */
const SINGLE = new Set(["get", "create", "update", "delete"]);
const AUDIENCES = new Set(["staff", "customer"]);
/** The kinds that write a record of a collection. */
const WRITES = new Set(["create", "update", "delete"]);

/**
 * @typedef {{ collection: string, defaultFrom?: string }} ReferenceModel
 * @typedef {{
 *   resource: string,
 *   schema: string,
 *   required: string[],
 *   references: Record<string, ReferenceModel>,
 *   children: Record<string, { collection: string, via: string }>,
 *   seedFields: string[],
 * }} CollectionModel
 * @typedef {{ type: string, minimum?: number, maximum?: number, enum?: string[] }} QueryRule
 * @typedef {{
 *   kind: string,
 *   collection: string | null,
 *   shape: string | null,
 *   audience: "staff" | "customer" | "anyone",
 *   parents: Record<string, { field: string, collection: string }>,
 *   filters: string[],
 *   query: Record<string, QueryRule>,
 *   statuses: number[],
 * }} RouteModel
 * @typedef {{
 *   collections: Record<string, CollectionModel>,
 *   order: string[],
 *   routes: Record<string, RouteModel>,
 *   summaries: Record<string, string>,
 *   invalidates: Record<string, string[]>,
 * }} Model
 */

/**
 * A collection name as it must be: a plain name (it keys seeds and state), not one of `Object.prototype`'s.
 * @param {unknown} name
 * @param {string} where
 */
function collectionName(name, where) {
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name in Object.prototype) {
    throw new Error(`${where}: ${JSON.stringify(name)} is not a collection name; use letters, digits and _ (e.g. participants)`);
  }
  return name;
}

/**
 * Every operation: the client's facts of it (operations.mjs), its parameters and its operation object.
 * @param {any} spec
 */
function readOperations(spec) {
  const specified = specOperations(spec);
  return operationFacts(spec).map((facts, index) => {
    const { node: operation, parameters, ok } = /** @type {import("./spec.mjs").SpecOperation} */ (specified[index]);
    const records = facts.response === "array" ? deref(spec, ok.schema).items : ok.schema;
    const named = typeof records?.$ref === "string" && records.$ref.startsWith("#/components/schemas/");
    return {
      ...facts,
      // The path's last segment that is not a parameter, e.g. `chatroom_participant`.
      resource: facts.path.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).at(-1) ?? "",
      parameters,
      operation,
      paging: facts.paging !== undefined,
      // The component schema of the records it answers with, or null.
      shape: named ? (refName(records) ?? null) : null,
      statuses: Object.keys(operation.responses ?? {})
        .filter((code) => /^[1-5]\d\d$/.test(code))
        .map(Number)
        .sort((a, b) => a - b),
    };
  });
}

/**
 * What an operation does: its `x-iwerp-kind`, or from its method, its `identifier` and its paging.
 * @param {{ id: string, method: string, operation: any, parameters: any[], paging: boolean }} op
 */
function kindOf({ id, method, operation, parameters, paging }) {
  const declared = operation["x-iwerp-kind"];
  if (declared !== undefined) {
    if (!KINDS.includes(declared)) throw new Error(`${id}: x-iwerp-kind ${JSON.stringify(declared)} is not one of ${KINDS.join(", ")}`);
    return declared;
  }
  const single = parameters.some((p) => p.in === "path" && p.name === "identifier");
  if (method === "GET") return single ? "get" : paging ? "list" : "other";
  if (method === "PUT" && single) return "update";
  if (method === "DELETE" && single) return "delete";
  if (method === "POST" && !single) return "create";
  return "other";
}

/**
 * The rule the fake checks a query parameter's values by, or undefined for free text.
 * @param {string} id
 * @param {any} parameter
 * @param {any} spec
 * @returns {QueryRule | undefined}
 */
function queryRule(id, parameter, spec) {
  const schema = deref(spec, parameter.schema ?? {});
  const type = schema.type ?? "string";
  if (!["integer", "number", "boolean", "string"].includes(type)) {
    throw new Error(`${id}: query parameter ${parameter.name} is of type ${JSON.stringify(type)}; the fake tenant checks integer, number, boolean and string ones`);
  }
  /** @type {QueryRule} */
  const rule = { type };
  if (typeof schema.minimum === "number") rule.minimum = schema.minimum;
  if (typeof schema.maximum === "number") rule.maximum = schema.maximum;
  if (Array.isArray(schema.enum)) rule.enum = schema.enum.map(String);
  return type === "string" && rule.enum === undefined ? undefined : rule;
}

/** The properties of a component schema. @param {any} spec @param {string} name @returns {Record<string, any>} */
function propertiesOf(spec, name) {
  return deref(spec, spec.components?.schemas?.[name] ?? {}).properties ?? {};
}

/**
 * The fields of `collection`'s records that name a record of `target`.
 * @param {Record<string, CollectionModel>} collections
 * @param {string} collection
 * @param {string} target
 */
function fieldsNaming(collections, collection, target) {
  return Object.entries(collections[collection]?.references ?? {})
    .filter(([, reference]) => reference.collection === target)
    .map(([field]) => field);
}

/** Derives the fake tenant's model from the bundled spec. @param {any} spec @returns {Model} */
export function readModel(spec) {
  const schemas = spec.components?.schemas ?? {};
  const operations = readOperations(spec).map((op) => ({ ...op, kind: kindOf(op) }));

  /** @type {Record<string, CollectionModel>} */
  const collections = {};
  /** Collection by the resource its operations are on. */
  const byResource = new Map();
  for (const [schema, node] of Object.entries(schemas)) {
    const declared = deref(spec, node)["x-iwerp-collection"];
    if (declared === undefined) continue;
    const name = collectionName(declared, `#/components/schemas/${schema} x-iwerp-collection`);
    if (Object.hasOwn(collections, name)) throw new Error(`x-iwerp-collection ${name} is on two schemas (${collections[name]?.schema} and ${schema})`);
    const resources = [...new Set(operations.filter((op) => SINGLE.has(op.kind) && op.shape === schema).map((op) => op.resource))];
    if (resources.length !== 1) {
      throw new Error(
        resources.length === 0
          ? `${schema} (x-iwerp-collection ${name}): no get, create, update or delete operation answers with it, so its path is unknown`
          : `${schema} (x-iwerp-collection ${name}): operations on several paths answer with it (${resources.join(", ")}); one collection has one path`,
      );
    }
    const resource = /** @type {string} */ (resources[0]);
    if (byResource.has(resource)) throw new Error(`${schema} and ${collections[byResource.get(resource)]?.schema} are both collections of the path ${resource}`);
    byResource.set(resource, name);
    collections[name] = { resource, schema, required: [], references: {}, children: {}, seedFields: [] };
  }

  // References first (children and defaults are checked against them), then the rest of each collection.
  for (const collection of Object.values(collections)) {
    for (const [field, property] of Object.entries(propertiesOf(spec, collection.schema))) {
      const where = `#/components/schemas/${collection.schema}/properties/${field}`;
      const target = property?.["x-iwerp-references"] ?? deref(spec, property)?.["x-iwerp-references"];
      if (target === undefined) continue;
      const named = collectionName(target, `${where} x-iwerp-references`);
      if (!Object.hasOwn(collections, named)) throw new Error(`${where}: x-iwerp-references ${named} is no collection (no schema has x-iwerp-collection: ${named})`);
      collection.references[field] = { collection: named };
    }
  }
  for (const [name, collection] of Object.entries(collections)) {
    const node = deref(spec, schemas[collection.schema]);
    const properties = propertiesOf(spec, collection.schema);
    const required = node["x-iwerp-required"] ?? [];
    if (!Array.isArray(required) || required.some((field) => typeof field !== "string" || !Object.hasOwn(properties, field))) {
      throw new Error(`#/components/schemas/${collection.schema} x-iwerp-required must list properties of the schema (got ${JSON.stringify(required)})`);
    }
    collection.required = [...required];
    // On the schema, not beside a property's `$ref`: siblings of a `$ref` read as an `allOf` to diff tools.
    const defaults = node["x-iwerp-default-from"] ?? {};
    if (defaults === null || typeof defaults !== "object" || Array.isArray(defaults)) {
      throw new Error(`#/components/schemas/${collection.schema} x-iwerp-default-from must map a reference to another, e.g. { chatroom: message }`);
    }
    for (const [field, from] of Object.entries(defaults)) {
      const reference = Object.hasOwn(collection.references, field) ? collection.references[field] : undefined;
      const via = typeof from === "string" && Object.hasOwn(collection.references, from) ? collection.references[from] : undefined;
      const inherited = via === undefined ? undefined : collections[via.collection]?.references[field];
      if (reference === undefined || via === undefined || inherited?.collection !== reference.collection) {
        throw new Error(
          `#/components/schemas/${collection.schema} x-iwerp-default-from: ${field}: ${JSON.stringify(from)} must name another reference of ${collection.schema} whose record has a ${field} naming the same collection`,
        );
      }
      reference.defaultFrom = /** @type {string} */ (from);
    }
    for (const [field, property] of Object.entries(properties)) {
      const where = `#/components/schemas/${collection.schema}/properties/${field}`;
      const children = property?.["x-iwerp-children"];
      if (children === undefined) continue;
      const child = collectionName(children, `${where} x-iwerp-children`);
      if (!Object.hasOwn(collections, child)) throw new Error(`${where}: x-iwerp-children ${child} is no collection`);
      if (deref(spec, property).type !== "array") throw new Error(`${where}: x-iwerp-children goes on an array property`);
      const via = fieldsNaming(collections, child, name);
      if (via.length !== 1) {
        throw new Error(`${where}: x-iwerp-children ${child} needs exactly one field of ${child} that references ${name} (found ${via.join(", ") || "none"})`);
      }
      collection.children[field] = { collection: child, via: /** @type {string} */ (via[0]) };
    }
  }

  /** @type {Record<string, RouteModel>} */
  const routes = {};
  /** @type {Record<string, string>} */
  const summaries = {};
  for (const op of operations) {
    const name = SINGLE.has(op.kind) || op.kind === "list" ? (byResource.get(op.resource) ?? null) : null;
    const audience = op.operation["x-iwerp-audience"];
    if (audience !== undefined && !AUDIENCES.has(audience)) throw new Error(`${op.id}: x-iwerp-audience ${JSON.stringify(audience)} is not staff or customer`);
    if (audience !== undefined && !op.authenticated) throw new Error(`${op.id}: x-iwerp-audience ${audience} on an operation that needs no credentials (security: [])`);
    /** @type {Record<string, { field: string, collection: string }>} */
    const parents = {};
    for (const parameter of op.parameters.filter((p) => p.in === "path" && p.name !== "identifier")) {
      const target = parameter["x-iwerp-references"];
      if (name === null) continue;
      if (target === undefined) throw new Error(`${op.id}: path parameter ${parameter.name} has no x-iwerp-references: say which collection's record it names`);
      const collection = collectionName(target, `${op.id}: path parameter ${parameter.name} x-iwerp-references`);
      const fields = fieldsNaming(collections, name, collection);
      if (fields.length !== 1) {
        throw new Error(`${op.id}: path parameter ${parameter.name} names a record of ${collection}, but ${name} has ${fields.length === 0 ? "no field" : "several fields"} that references one`);
      }
      parents[parameter.name] = { field: /** @type {string} */ (fields[0]), collection };
    }
    const query = op.parameters.filter((p) => p.in === "query");
    const filters = query.filter((p) => p["x-iwerp-filter"] !== undefined);
    for (const parameter of filters) {
      if (parameter["x-iwerp-filter"] !== true) throw new Error(`${op.id}: query parameter ${parameter.name}: x-iwerp-filter must be true`);
      if (op.kind !== "list") throw new Error(`${op.id}: query parameter ${parameter.name} has x-iwerp-filter, but only a list filters`);
    }
    routes[op.id] = {
      kind: op.kind,
      collection: name,
      shape: op.shape,
      audience: op.authenticated ? (audience ?? "staff") : "anyone",
      parents,
      filters: filters.map((p) => p.name),
      query: Object.fromEntries(query.flatMap((p) => {
        const rule = queryRule(op.id, p, spec);
        return rule === undefined ? [] : [[p.name, rule]];
      })),
      statuses: op.statuses,
    };
    summaries[op.id] = `${op.summary} (\`${op.method} ${op.path}\`).`;
    if (name !== null && op.kind === "list") {
      const collection = /** @type {CollectionModel} */ (collections[name]);
      const fields = propertiesOf(spec, collection.schema);
      for (const filter of routes[op.id]?.filters ?? []) if (!Object.hasOwn(fields, filter) && !collection.seedFields.includes(filter)) collection.seedFields.push(filter);
    }
  }

  return { collections, order: storeOrder(collections), routes, summaries, invalidates: invalidations(spec, collections, routes) };
}

/**
 * The collections whose records a read of a `collection` record in the form `shape` shows, at any depth: a field
 * that is one of the record's references shows the record it names (`embedded`), a field that is one of its computed
 * lists (`x-iwerp-children`) shows those records (`listed`, and `embedded`), each in its form there, which may show
 * more. A field counts by its name, as the fake renders a record into a shape; a form that leaves a reference out
 * (the participant list's items have no `chatroom`) does not show it.
 * @param {any} spec
 * @param {Record<string, CollectionModel>} collections
 * @param {string} collection
 * @param {any} shape a schema, or a `$ref` to one.
 * @param {{ embedded: Set<string>, listed: Set<string> }} shown what is found is added here.
 * @param {Map<any, Set<string>>} seen the forms already walked, with the collections they were walked as.
 */
function collectShown(spec, collections, collection, shape, shown, seen) {
  const node = deref(spec, shape ?? {});
  const model = collections[collection];
  // A form that holds itself (a record that names one of its own collection) is walked once.
  const walked = seen.get(node) ?? new Set();
  if (model === undefined || node === null || typeof node !== "object" || walked.has(collection)) return;
  seen.set(node, walked.add(collection));
  for (const [field, property] of Object.entries(node.properties ?? {})) {
    const reference = Object.hasOwn(model.references, field) ? model.references[field] : undefined;
    if (reference !== undefined) {
      shown.embedded.add(reference.collection);
      collectShown(spec, collections, reference.collection, property, shown, seen);
    }
    const children = Object.hasOwn(model.children, field) ? model.children[field] : undefined;
    if (children !== undefined) {
      shown.embedded.add(children.collection);
      shown.listed.add(children.collection);
      collectShown(spec, collections, children.collection, deref(spec, property ?? {}).items, shown, seen);
    }
  }
}

/**
 * What each write makes stale, by operationId (the TanStack Query entry invalidates by it): the collection it
 * writes, then each collection one of whose reads (get or list, in the form it answers with) shows a record of it.
 * A create is shown only where its collection is listed (a room's `participants`): no existing record names a new
 * one. An update or a delete is shown wherever its record is embedded too (a message's `participant`).
 * @param {any} spec
 * @param {Record<string, CollectionModel>} collections
 * @param {Record<string, RouteModel>} routes
 * @returns {Record<string, string[]>}
 */
function invalidations(spec, collections, routes) {
  const shows = new Map(Object.keys(collections).map((name) => [name, { embedded: new Set(), listed: new Set() }]));
  for (const { kind, collection, shape } of Object.values(routes)) {
    const shown = collection === null ? undefined : shows.get(collection);
    if (collection === null || shown === undefined || (kind !== "get" && kind !== "list")) continue;
    // A read whose answer is no component schema is taken to show all its record's full form shows.
    const schema = shape ?? collections[collection]?.schema;
    collectShown(spec, collections, collection, { $ref: `#/components/schemas/${schema}` }, shown, new Map());
  }
  /** @type {Record<string, string[]>} */
  const invalidates = {};
  for (const [id, route] of Object.entries(routes)) {
    const written = route.collection;
    if (written === null || !WRITES.has(route.kind)) continue;
    const showing = Object.keys(collections).filter((name) => {
      const shown = shows.get(name);
      return name !== written && (route.kind === "create" ? shown?.listed : shown?.embedded)?.has(written);
    });
    invalidates[id] = [written, ...showing];
  }
  return invalidates;
}

/**
 * The order a seed is stored in: each collection after those its references name (unless they name each other).
 * @param {Record<string, CollectionModel>} collections
 */
function storeOrder(collections) {
  /** @type {string[]} */
  const order = [];
  const visiting = new Set();
  /** @param {string} name */
  const visit = (name) => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const reference of Object.values(collections[name]?.references ?? {})) if (reference.collection !== name) visit(reference.collection);
    visiting.delete(name);
    order.push(name);
  };
  Object.keys(collections).forEach(visit);
  return order;
}

/** A union of string literal types, or `never`. @param {string[]} names */
function union(names) {
  return names.length === 0 ? "never" : names.map(stringLiteral).join(" | ");
}

/**
 * The generated model module and its declarations.
 * @param {any} spec the parsed bundled spec.
 * @param {string} header the "generated, do not edit" comment.
 * @returns {{ js: string, dts: string }}
 */
export function renderModel(spec, header) {
  const { collections, order, routes, summaries, invalidates } = readModel(spec);
  const names = Object.keys(collections);
  const js = [
    header,
    "",
    ...exportConst("COLLECTIONS", collections, {
      doc: "The collections of records the fake tenant keeps, by name (`x-iwerp-collection`): what the spec's schemas and `x-iwerp-*` extensions say of each.",
      comments: Object.fromEntries(
        Object.entries(collections).map(([name, c]) => [name, `${c.schema} records, served by the operations on paths ending in \`${c.resource}\`.`]),
      ),
    }),
    "",
    ...exportConst("COLLECTION_ORDER", order, {
      doc: "The collections in the order a seed is stored: each after those its references name.",
    }),
    "",
    ...exportConst("ROUTES", routes, {
      doc: "How the fake tenant serves each operation of the spec, by operationId.",
      comments: summaries,
    }),
    "",
    ...exportConst("INVALIDATES", invalidates, {
      doc:
        "The collections each write makes stale, by operationId: its own, then each whose reads show a record it writes (a create: only where " +
        "its records are listed, `x-iwerp-children`; an update or delete: also where one is embedded, `x-iwerp-references`).",
      comments: Object.fromEntries(Object.keys(invalidates).map((id) => [id, summaries[id] ?? id])),
    }),
    "",
  ].join("\n");
  /** @param {(collection: CollectionModel) => string} type */
  const perCollection = (type) => Object.entries(collections).map(([name, c]) => `  ${propertyKey(name)}: ${type(c)};`);
  const dts = [
    header,
    'import type { components, operations } from "./openapi.js";',
    "",
    "/** The name of a collection of records (`x-iwerp-collection` on its schema), e.g. `participants`: its key in a seed and in the state. */",
    `export type CollectionName = ${union(names)};`,
    "",
    "/** What an operation does: `x-iwerp-kind`, or read from its method, its `identifier` parameter and its paging. */",
    `export type RouteKind = ${union(KINDS)};`,
    "",
    "/** A field of a record that names a record of another collection by its `id` (`x-iwerp-references`). */",
    "export interface ReferenceModel {",
    "  /** The collection it names a record of. */",
    "  readonly collection: CollectionName;",
    "  /** A new record that names none takes the one of the record this other reference names (`x-iwerp-default-from`). */",
    "  readonly defaultFrom?: string;",
    "}",
    "",
    "/** One collection of records. */",
    "export interface CollectionModel {",
    "  /** The path segment its operations end in, e.g. `chatroom_participant`. */",
    "  readonly resource: string;",
    "  /** The schema of its records in full form, e.g. `ChatroomParticipant`. */",
    "  readonly schema: string;",
    "  /** The fields every record needs in practice (`x-iwerp-required`): a write that leaves one out is refused. */",
    "  readonly required: readonly string[];",
    "  /** The fields that name records of other collections. */",
    "  readonly references: { readonly [field: string]: ReferenceModel };",
    "  /** The fields computed from another collection (`x-iwerp-children`): its records whose `via` names this one. */",
    "  readonly children: { readonly [field: string]: { readonly collection: CollectionName; readonly via: string } };",
    "  /** The fields a list filters by that the schema does not show: a seed may give them, they are never sent. */",
    "  readonly seedFields: readonly string[];",
    "}",
    "",
    "/** What the fake tenant checks a query parameter's values by (its schema's type, bounds and values). */",
    "export interface QueryRule {",
    '  readonly type: "integer" | "number" | "boolean" | "string";',
    "  readonly minimum?: number;",
    "  readonly maximum?: number;",
    "  readonly enum?: readonly string[];",
    "}",
    "",
    "/** How the fake tenant serves one operation. */",
    "export interface RouteModel {",
    "  readonly kind: RouteKind;",
    "  /** The collection it reads or writes, or null (the login, API tokens, an operation on no collection). */",
    "  readonly collection: CollectionName | null;",
    "  /** The schema of the records it answers with (a list: of each item), or null. */",
    "  readonly shape: string | null;",
    "  /** Who may call it: staff (a staff session or API key), a customer (`x-iwerp-audience: customer`), or anyone (`security: []`). */",
    '  readonly audience: "staff" | "customer" | "anyone";',
    "  /** Path parameters (besides `identifier`) that name the record a new one belongs to (`x-iwerp-references`), and the field that holds it. */",
    "  readonly parents: { readonly [parameter: string]: { readonly field: string; readonly collection: CollectionName } };",
    "  /** The query parameters it filters a list by (`x-iwerp-filter`), each matching the record's field of that name. */",
    "  readonly filters: readonly string[];",
    "  /** Its query parameters that are more than free text, by name. */",
    "  readonly query: { readonly [name: string]: QueryRule };",
    "  /** The statuses the spec documents for it. */",
    "  readonly statuses: readonly number[];",
    "}",
    "",
    "/** The collections, by name. */",
    "export declare const COLLECTIONS: { readonly [Name in CollectionName]: CollectionModel };",
    "",
    "/** The collections in the order a seed is stored: each after those its references name. */",
    "export declare const COLLECTION_ORDER: readonly CollectionName[];",
    "",
    "/** How the fake tenant serves each operation of the spec, by operationId. */",
    "export declare const ROUTES: { readonly [Id in keyof operations]: RouteModel };",
    "",
    "/**",
    " * The collections each write makes stale, by operationId: its own, then each whose reads show a record it writes (a create: only where its",
    " * records are listed, `x-iwerp-children`; an update or delete: also where one is embedded, `x-iwerp-references`). Only writes of a collection.",
    " */",
    "export declare const INVALIDATES: { readonly [Id in keyof operations]?: readonly CollectionName[] };",
    "",
    "/** The records of each collection in full form, as the spec types them. */",
    "export interface CollectionRecords {",
    ...perCollection((c) => `components["schemas"][${stringLiteral(c.schema)}]`),
    "}",
    "",
    "/** The fields of each collection's records that are computed from another collection (`never`: none). */",
    "export interface CollectionChildren {",
    ...perCollection((c) => union(Object.keys(c.children))),
    "}",
    "",
    "/** The fields a seed of each collection may give for its list filters, which the schema does not show (`never`: none). */",
    "export interface CollectionSeedFields {",
    ...perCollection((c) => union(c.seedFields)),
    "}",
    "",
  ].join("\n");
  return { js, dts };
}
