// @ts-check
/**
 * Named types for `generated/openapi.d.ts` (see generated/README.md): each component schema becomes a declaration
 * of its own that `components["schemas"]` refers to. openapi-typescript writes schemas inline, so TypeScript printed
 * a reference to one as its whole structure ("… not assignable to '{ id?: number; … }'"); a named one prints its name.
 * An `x-iwerp-id` schema is `string | number` (openapi/README.md). A schema a request body holds takes `undefined` in
 * each optional property (`first_name?: string | undefined`): the client drops it as if left out, and an app compiled
 * with `exactOptionalPropertyTypes` passes its own optional values straight through. Names from the spec become
 * identifiers through `Identifiers`, never code, and their documentation goes through `docComment`.
 */

import ts from "typescript";
import { docComment, Identifiers } from "./code-text.mjs";
import { deref, escapePointer, specOperations } from "./spec.mjs";

/**
 * What openapi-typescript declares itself, and the helpers it may add: no schema's declaration may take these. Nor
 * TypeScript's own type names: `interface string` does not compile, and a reference to it would be the primitive.
 */
const OPENAPI_TS_NAMES = [
  ...["paths", "webhooks", "components", "$defs", "operations", "WithRequired", "OneOf", "Record", "Omit", "Exclude"],
  ...["any", "unknown", "never", "string", "number", "bigint", "boolean", "symbol", "object"],
];

/** The extension that marks a parameter's schema or a request body property as holding an entity's id (`x-iwerp-id`). */
export const ID_EXTENSION = "x-iwerp-id";

/**
 * Hooks for openapi-typescript that lift each component schema into a named declaration, and the text of those
 * declarations once openapi-typescript has run.
 * @param {any} spec the bundled spec.
 */
export function namedSchemaTypes(spec) {
  const names = new Identifiers(OPENAPI_TS_NAMES);
  /** @type {Map<string, { name: string, schema: any }>} by the schema's JSON pointer (as openapi-typescript writes it). */
  const byPointer = new Map();
  for (const [schemaName, schema] of Object.entries(spec.components?.schemas ?? {})) {
    // The pointer as openapi-typescript gives it, `~` and `/` escaped.
    byPointer.set(`#/components/schemas/${escapePointer(schemaName)}`, { name: names.claim(schemaName), schema });
  }
  /** @type {Array<{ name: string, schema: any, type: ts.TypeNode }>} */
  const lifted = [];
  const sent = requestSchemas(spec);
  return {
    /**
     * openapi-typescript's `transform`: an id's schema (a parameter's or a body property's) is `string | number`.
     * @param {any} schemaObject
     * @returns {ts.TypeNode | undefined}
     */
    transform(schemaObject) {
      if (schemaObject?.[ID_EXTENSION] !== true) return undefined;
      return ts.factory.createUnionTypeNode([
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword),
      ]);
    },
    /**
     * openapi-typescript's `postTransform`: a component schema's type is kept for its declaration and replaced
     * by a reference to that declaration's name.
     * @param {ts.TypeNode} type
     * @param {{ path?: string }} options
     * @returns {ts.TypeNode | undefined}
     */
    postTransform(type, options) {
      const entry = options.path === undefined ? undefined : byPointer.get(options.path);
      if (entry === undefined) return undefined;
      // Only once: openapi-typescript may transform a schema again where it resolves a reference.
      if (!lifted.some((done) => done.name === entry.name)) lifted.push({ ...entry, type });
      return ts.factory.createTypeReferenceNode(entry.name);
    },
    /**
     * The declarations of the schemas lifted, in the spec's order: an interface for an object schema, a type
     * alias for anything else (a list, a union), each with the schema's title and description as JSDoc.
     * @returns {string}
     */
    declarations() {
      const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
      const file = ts.createSourceFile("named.d.ts", "", ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
      const order = [...byPointer.values()].map((entry) => entry.name);
      const sorted = [...lifted].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      return sorted
        .map(({ name, schema, type }) => {
          const modifiers = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];
          const members = ts.isTypeLiteralNode(type) && sent.has(schema) ? type.members.map(orUndefined) : undefined;
          const node = ts.isTypeLiteralNode(type)
            ? ts.factory.createInterfaceDeclaration(modifiers, name, undefined, undefined, members ?? type.members)
            : ts.factory.createTypeAliasDeclaration(modifiers, name, undefined, type);
          const text = printer.printNode(ts.EmitHint.Unspecified, node, file);
          return [...schemaDoc(schema), text].join("\n");
        })
        .join("\n");
    },
  };
}

/**
 * The component schemas a request body holds, itself or inside another one (a payload's `chatroom`), as objects.
 * @param {any} spec
 * @returns {Set<any>}
 */
function requestSchemas(spec) {
  /** @type {Set<any>} */
  const found = new Set();
  /** @param {any} node */
  const visit = (node) => {
    if (node === null || typeof node !== "object") return;
    if (typeof node.$ref === "string") {
      const target = deref(spec, node);
      if (!found.has(target)) {
        found.add(target);
        visit(target);
      }
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const operation of specOperations(spec)) visit(operation.requestBody?.schema);
  return found;
}

/**
 * An optional property that also takes `undefined`; other members as they are.
 * @param {ts.TypeElement} member
 * @returns {ts.TypeElement}
 */
function orUndefined(member) {
  if (!ts.isPropertySignature(member) || member.questionToken === undefined || member.type === undefined) return member;
  const types = ts.isUnionTypeNode(member.type) ? member.type.types : [member.type];
  const type = ts.factory.createUnionTypeNode([...types, ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]);
  return ts.factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, type);
}

/**
 * The JSDoc of a schema's declaration: its description (else its title), each paragraph through `docComment`.
 * @param {any} schema
 */
function schemaDoc(schema) {
  const text = [schema?.description, schema?.title].find((part) => typeof part === "string" && part.trim() !== "");
  if (text === undefined) return [];
  return docComment(String(text).trim().split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, " ")));
}
