import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { BUNDLED_SPEC } from "./create-prism-server.js";

/** The bundled spec, parsed. */
export const spec = parse(readFileSync(BUNDLED_SPEC, "utf8")) as {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
};

const SPEC_ID = "contract-spec";
// An Ajv of its own, with the full formats of ajv-formats: independent of the client's generated validators.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormatsModule.default(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

/** The failures of `value` against the schema at `pointer` in the bundled spec, as `path: message` lines. */
export function schemaViolations(pointer: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${SPEC_ID}${pointer}`) ?? ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"}: ${e.message ?? e.keyword}`);
}

/** Escapes a path for a JSON pointer (`/` → `~1`). */
export function pointerToPath(path: string): string {
  return path.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The JSON pointer of an operation's response schema, e.g. the 200 body of a POST. */
export function responseSchemaPointer(path: string, method: string, status: string): string {
  return `#/paths/${pointerToPath(path)}/${method}/responses/${status}/content/application~1json/schema`;
}

/** Every operation of the spec as `{ operationId, method, path }`. */
export function specOperations(): Array<{ operationId: string; method: string; path: string }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "put", "post", "delete", "patch", "options", "head", "trace"].includes(method))
      .map(([method, op]) => ({ operationId: op.operationId ?? `${method} ${path}`, method, path })),
  );
}
