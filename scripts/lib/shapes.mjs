// @ts-check
/**
 * The spec's schemas as "shapes" (`Shape` in `generated/operations.d.ts`), the data the response checks are
 * generated from (checks.mjs). A component's `required` is kept beside its shape (`componentRequired`). A
 * `required` anywhere else, or any keyword the check does not know, fails the generation, so a spec edit can never
 * be checked less than it says.
 */

/** @typedef {import("../../generated/operations.js").Shape} Shape */

/** Keywords that say nothing about validity (annotations), or that the shape encodes. */
const UNDERSTOOD = new Set(["type", "format", "properties", "items", "$ref", "description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly"]);
const TYPES = new Set(["string", "integer", "number", "boolean", "object", "array"]);
const FORMATS = new Set(["date-time"]);

/**
 * The shape of one schema.
 * @param {any} schema
 * @param {string} where for errors, e.g. `#/components/schemas/Chatroom`.
 * @returns {Shape}
 */
export function shapeOf(schema, where) {
  if (schema === true || schema === undefined || (typeof schema === "object" && Object.keys(schema).length === 0)) return "any";
  for (const key of Object.keys(schema)) {
    if (!UNDERSTOOD.has(key) && !key.startsWith("x-")) {
      throw new Error(`${where}: the client's response check does not understand \`${key}\`; teach scripts/lib/shapes.mjs and scripts/lib/checks.mjs, or drop it`);
    }
  }
  if (typeof schema.$ref === "string") {
    const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
    if (!match) throw new Error(`${where}: $ref ${schema.$ref} is not a component schema`);
    return `#${match[1]}`;
  }
  const type = schema.type;
  if (type === undefined) return "any";
  if (typeof type !== "string" || !TYPES.has(type)) throw new Error(`${where}: type ${JSON.stringify(type)} is not one the client's response check knows`);
  if (type === "array") return [shapeOf(schema.items, `${where}/items`)];
  if (type === "object") {
    if (!schema.properties) return "object";
    // `fromEntries` defines each name as a property of its own: assigned, a `__proto__` would set the prototype.
    return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, shapeOf(property, `${where}/properties/${name}`)]));
  }
  if (schema.format !== undefined) {
    if (type !== "string" || !FORMATS.has(schema.format)) throw new Error(`${where}: format ${schema.format} is not one the client's response check knows`);
    return schema.format;
  }
  return type;
}

/**
 * The shapes of every component schema, by name.
 * @param {any} spec the bundled spec.
 * @returns {Record<string, Shape>}
 */
export function componentShapes(spec) {
  return Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => {
      // `required` is the component's own (componentRequired reads it); in a nested schema shapeOf refuses it.
      const { required, ...rest } = schema && typeof schema === "object" ? schema : { required: undefined };
      return [name, shapeOf(schema && typeof schema === "object" ? rest : schema, `#/components/schemas/${name}`)];
    }),
  );
}

/**
 * The properties each component schema requires, by name; a schema without any is left out.
 * @param {any} spec the bundled spec.
 * @returns {Record<string, string[]>}
 * @throws {Error} when `required` is not a list of names the schema's `properties` describe.
 */
export function componentRequired(spec) {
  /** @type {Array<[string, string[]]>} */
  const entries = [];
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    const required = schema?.required;
    if (required === undefined) continue;
    const where = `#/components/schemas/${name}/required`;
    if (!Array.isArray(required) || !required.every((item) => typeof item === "string")) throw new Error(`${where}: must be a list of property names`);
    const unknown = required.filter((property) => !Object.hasOwn(schema.properties ?? {}, property));
    if (unknown.length > 0) throw new Error(`${where}: ${unknown.map((property) => `\`${property}\``).join(", ")} is not a property of the schema`);
    if (required.length > 0) entries.push([name, required]);
  }
  return Object.fromEntries(entries);
}

/**
 * The shapes of `all` that `roots` refer to, directly or through each other: what the client needs to check
 * responses (request-only schemas such as payloads are left out).
 * @param {Record<string, Shape>} all
 * @param {Shape[]} roots
 * @returns {Record<string, Shape>}
 */
export function reachableShapes(all, roots) {
  // A set, not an object's keys: a schema may be named `toString` or `__proto__`.
  const reached = new Set();
  /** @param {Shape} shape */
  const visit = (shape) => {
    if (typeof shape === "string") {
      const name = shape.startsWith("#") ? shape.slice(1) : undefined;
      if (name !== undefined && Object.hasOwn(all, name) && !reached.has(name)) {
        reached.add(name);
        visit(/** @type {Shape} */ (all[name]));
      }
    } else if (Array.isArray(shape)) shape.forEach(visit);
    else Object.values(shape).forEach(visit);
  };
  roots.forEach(visit);
  return Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)));
}
