import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

/** A part of the bundled spec, as far as these tests read it. */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  maximum?: number;
  [keyword: string]: unknown;
}

interface OperationNode {
  operationId: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { content: Record<string, { schema: SchemaNode; examples?: Record<string, { $ref?: string; value?: unknown }> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: SchemaNode }> }>;
}

/** The bundled spec (`generated/openapi.yaml`), parsed: read by the tests, never by the fake. */
export const spec = parse(readFileSync(fileURLToPath(new URL("../../../generated/openapi.yaml", import.meta.url)), "utf8")) as {
  paths: Record<string, Record<string, OperationNode>>;
  components: { schemas: Record<string, SchemaNode>; parameters: Record<string, { name: string; in: string; schema: SchemaNode }>; examples: Record<string, { value: unknown }>; securitySchemes: Record<string, { name?: string }> };
};

/** Follows `$ref`s within the spec. */
export function deref<T>(node: T | { $ref: string }): T {
  let current: unknown = node;
  while (current !== null && typeof current === "object" && typeof (current as { $ref?: unknown }).$ref === "string") {
    current = (current as { $ref: string }).$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<any>((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return current as T;
}

/** The name a `$ref` to a component schema ends in, e.g. `ChatroomRef`. */
export function refName(node: SchemaNode | undefined): string | undefined {
  return node?.$ref?.split("/").at(-1);
}

/** Every operation of the spec, by operationId, with its method (upper case) and path. */
export const specOperations: ReadonlyMap<string, { method: string; path: string; node: OperationNode }> = new Map(
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, node]) => [node.operationId, { method: method.toUpperCase(), path, node }] as const),
  ),
);

/** The 200 `application/json` schema of an operation. */
export function responseSchema(operationId: string): SchemaNode {
  const operation = specOperations.get(operationId);
  const schema = operation && deref(operation.node.responses["200"])?.content?.["application/json"]?.schema;
  if (schema === undefined) throw new Error(`no 200 schema for ${operationId}`);
  return schema;
}

const SPEC_ID = "fake-tenant-spec";
// An Ajv of its own with the full formats: independent of the generated validators the fake uses.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormatsModule.default(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

/** The operation a request is for, matched on the spec's own path templates (not the fake's routing). */
export function operationOf(method: string, pathname: string): string | undefined {
  for (const [id, operation] of specOperations) {
    if (operation.method !== method) continue;
    const pattern = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(pathname)) return id;
  }
  return undefined;
}

/**
 * What is wrong with an operation's body for `status` (default 200), as `path: message` lines: none when it
 * matches the spec's schema for that status, or when the spec declares no JSON body for it (any body conforms).
 */
export function responseViolations(operationId: string, body: unknown, status = "200"): string[] {
  const { path, method, node } = specOperations.get(operationId) ?? {};
  if (path === undefined || method === undefined || node === undefined) return [`${operationId} is not in the spec`];
  const raw = node.responses[status];
  if (raw === undefined) return [`the spec documents no ${status} for ${operationId}`];
  if (deref(raw).content?.["application/json"]?.schema === undefined) return [];
  // A pointer through a `$ref` would not resolve, so a shared response is pointed at where it is defined.
  const at = raw.$ref ?? `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/responses/${status}`;
  const pointer = `${at}/content/application~1json/schema`;
  const validate = ajv.getSchema(`${SPEC_ID}${pointer}`) ?? ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"}: ${e.message ?? e.keyword}`);
}
