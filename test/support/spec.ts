import {
  createSpecValidator,
  deref as derefIn,
  escapePointer,
  operationMatcher,
  readSpec,
  specOperations as readOperations,
} from "../../scripts/lib/spec.mjs";
export { refName } from "../../scripts/lib/spec.mjs";

/** A part of the bundled spec, as far as these tests read it. */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  maximum?: number;
  [keyword: string]: unknown;
}

/** An operation as the bundled spec writes it, as far as these tests read it. */
export interface OperationNode {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  "x-iwerp-audience"?: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { content: Record<string, { schema: SchemaNode; examples?: Record<string, { $ref?: string; value?: unknown }> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: SchemaNode; examples?: Record<string, unknown> }> }>;
}

/** The bundled spec (`generated/openapi.yaml`), parsed once by the one spec module: read by the tests, never by the fake; shared, so never changed. */
export const spec = readSpec() as {
  paths: Record<string, Record<string, OperationNode>>;
  components: { schemas: Record<string, SchemaNode>; parameters: Record<string, { name: string; in: string; schema: SchemaNode }>; examples: Record<string, { value: unknown }>; securitySchemes: Record<string, { name?: string }> };
};

/** Follows `$ref`s within the spec (the spec module's `deref`: a `$ref` that leads nowhere throws). */
export function deref<T>(node: T | { $ref: string }): T {
  return derefIn(spec, node) as T;
}

const operations = readOperations(spec);

/** Every operation of the spec, by operationId, with its method (upper case) and path. */
export const specOperations: ReadonlyMap<string, { method: string; path: string; node: OperationNode }> = new Map(
  operations.map((operation) => [operation.operationId, { method: operation.method.toUpperCase(), path: operation.path, node: operation.node as OperationNode }] as const),
);

/** The 200 `application/json` schema of an operation. */
export function responseSchema(operationId: string): SchemaNode {
  const operation = specOperations.get(operationId);
  const schema = operation && deref(operation.node.responses["200"])?.content?.["application/json"]?.schema;
  if (schema === undefined) throw new Error(`no 200 schema for ${operationId}`);
  return schema;
}

// The one Ajv of the tooling (`createSpecValidator`): independent of the client's generated checks, which the fake uses.
const validator = createSpecValidator(spec);

/** The failures of `value` against the schema at `pointer` in the bundled spec, as `path: message` lines. */
export function schemaViolations(pointer: string, value: unknown): string[] {
  return validator.violations(pointer, value);
}
// The spec's own path templates (escaped by the spec module), not the fake's routing.
const match = operationMatcher(operations);

/** The operation a request is for, matched on the spec's own path templates (not the fake's routing). */
export function operationOf(method: string, pathname: string): string | undefined {
  return match(method, pathname)?.operation.operationId;
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
  const at = raw.$ref ?? `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
  return schemaViolations(`${at}/content/application~1json/schema`, body);
}
