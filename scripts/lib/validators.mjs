// @ts-check
/**
 * Compiles the spec's response schemas into standalone validator code (Ajv), so the client validates
 * responses at run time without compiling schemas or shipping Ajv.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import { FORMATS } from "./formats.mjs";
import { readOperations, validatorName } from "./operations.mjs";

const SPEC_ID = "iwerp-chat-openapi";

/**
 * Compiles one validator per operation, of its 200 body's schema. Schemas that several operations share
 * (a `$ref`ed component) are compiled once and called from each.
 * @param {any} bundledSpec the parsed bundled spec.
 * @param {string} header the "generated, do not edit" comment to start each file with.
 * @returns {{ js: string, dts: string }} the ES module and its type declarations.
 */
export function compileValidators(bundledSpec, header) {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    allErrors: true,
    // Each shared schema (a `$ref`ed component) becomes one function that every operation calls, not a copy per use.
    inlineRefs: false,
    strict: true,
    // OpenAPI adds keywords of its own (e.g. `example`) that are no JSON Schema keywords.
    strictSchema: false,
    formats: FORMATS,
  });
  ajv.addSchema({ ...bundledSpec, $id: SPEC_ID });
  /** @type {Record<string, string>} */
  const refs = {};
  /** @type {Record<string, string>} */
  const pointers = {};
  for (const operation of readOperations(bundledSpec)) {
    const name = validatorName(operation.id);
    pointers[name] = operation.responsePointer;
    // A URI fragment: the path's braces must be percent-encoded.
    refs[name] = `${SPEC_ID}${operation.responsePointer.replace(/[{}]/g, encodeURIComponent)}`;
  }
  const js = `${header}\n${standaloneModule.default(ajv, refs).replace(/^"use strict";/, "")}\n`;
  const dts = [
    header,
    "/** One failure of a schema check: where in the document (a JSON pointer) and what is wrong. */",
    "export interface SchemaError {",
    "  instancePath: string;",
    "  schemaPath: string;",
    "  keyword: string;",
    "  params: Record<string, unknown>;",
    "  message?: string;",
    "}",
    "/** A compiled schema check: true when the value matches; the failures are left in `errors`. */",
    "export interface SchemaValidator {",
    "  (value: unknown): boolean;",
    "  errors?: SchemaError[] | null;",
    "}",
    ...Object.entries(pointers).flatMap(([name, pointer]) => [
      `/** Checks a value against \`${pointer}\` of the bundled spec. */`,
      `export declare const ${name}: SchemaValidator;`,
    ]),
    "",
  ].join("\n");
  return { js, dts };
}
