import {
  createSpecValidator,
  deref as derefIn,
  escapePointer,
  namedExamples,
  operationMatcher,
  readSpec,
  specOperations as readOperations,
  type SpecOperation as ModuleOperation,
} from "../../scripts/lib/spec.mjs";
import type { JsonSchema } from "./contract/schema-arbitrary.js";
export { refName } from "../../scripts/lib/spec.mjs";

/** An operation as the bundled spec writes it, as far as these tests read it. */
export interface OperationNode {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  "x-iwerp-audience"?: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { content: Record<string, { schema: JsonSchema; examples?: Record<string, { $ref?: string; value?: unknown }> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: JsonSchema; examples?: Record<string, unknown> }> }>;
}

/** A named example of the spec (`examples.<name>.value`, or `example` under the name `example`), as the spec module reads it. */
export type NamedExample = ReturnType<typeof namedExamples>[number];

/** A parameter of an operation, its `$ref` resolved. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  /** Its own named examples, else its schema's (`example`, then `examples`). */
  examples: NamedExample[];
}

/** One operation of the bundled spec, as the spec-driven tests read it. */
export interface SpecOperation {
  operationId: string;
  /** Lower case, as in the spec (`get`, `post`, …). */
  method: string;
  path: string;
  node: OperationNode;
  parameters: SpecParameter[];
  /** The JSON request body: its envelope key (`data`, `login`), the entity's schema and the named examples (whole bodies). */
  body: { envelope: string; schema: JsonSchema; examples: NamedExample[] } | undefined;
  /** The JSON pointer of the 200 body's schema, for the independent validator. */
  okSchemaPointer: string;
  okExamples: NamedExample[];
  /** The statuses the spec documents for it (200 and its error answers: 400, 401, 403, 404, 422 …). */
  statuses: number[];
}

/** The bundled spec (`generated/openapi.yaml`), parsed once by the one spec module: read by the tests, never by the fake; shared, so never changed. */
export const spec = readSpec() as {
  paths: Record<string, Record<string, OperationNode>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, { name: string; in: string; schema: JsonSchema }>; examples: Record<string, { value: unknown }>; securitySchemes: Record<string, { name?: string }> };
};

/** Follows `$ref`s within the spec (the spec module's `deref`: a `$ref` that leads nowhere throws). */
export function deref<T>(node: T | { $ref: string }): T {
  return derefIn(spec, node) as T;
}

/** The request body of an operation: one JSON object with a single envelope property around the entity. */
function requestBody(op: ModuleOperation): SpecOperation["body"] {
  if (op.node.requestBody === undefined) return undefined;
  const media = op.requestBody;
  if (!media?.schema) throw new Error(`${op.operationId}: the spec-driven tests know JSON request bodies only; extend spec.ts`);
  const envelope = Object.entries((deref(media.schema) as JsonSchema).properties ?? {});
  if (envelope.length !== 1) throw new Error(`${op.operationId}: the request body is not one envelope property around the entity; extend spec.ts`);
  const [[key, schema]] = envelope as [[string, JsonSchema]];
  return { envelope: key, schema, examples: namedExamples(spec, media) };
}

/** The named examples of a parameter: its own `examples`/`example`, else its schema's. */
function parameterExamples(parameter: { example?: unknown; examples?: Record<string, unknown> }, schema: JsonSchema): NamedExample[] {
  const own = namedExamples(spec, parameter);
  if (own.length > 0) return own;
  if (schema.example !== undefined) return [{ name: "example", value: schema.example }];
  return ((schema.examples as unknown[] | undefined) ?? []).map((value, index) => ({ name: `schema example ${index + 1}`, value }));
}

const operations = readOperations(spec);

/** Every operation of the bundled spec, in the spec's order (parameters merged and resolved, bodies resolved). */
export const SPEC_OPERATIONS: readonly SpecOperation[] = operations.map((op) => {
  if (!op.ok) throw new Error(`${op.operationId}: no JSON 200 response; the spec-driven tests expect one`);
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    node: op.node as OperationNode,
    parameters: op.parameters.map((p) => {
      const { name, in: where, required } = p;
      const schema = deref<JsonSchema>(p.schema ?? {});
      return { name, in: where, required: required === true, schema, examples: parameterExamples(p, schema) };
    }),
    body: requestBody(op),
    okSchemaPointer: op.okPointer,
    okExamples: namedExamples(spec, op.ok),
    statuses: Object.keys(op.node.responses ?? {})
      .filter((code) => /^[1-5]\d\d$/.test(code))
      .map(Number),
  };
});

/** Every operation of the spec, by operationId, with its method (upper case), path and node. */
export const specOperations: ReadonlyMap<string, { method: string; path: string; node: OperationNode }> = new Map(
  SPEC_OPERATIONS.map(({ operationId, method, path, node }) => [operationId, { method: method.toUpperCase(), path, node }] as const),
);

/** The 200 `application/json` schema of an operation. */
export function responseSchema(operationId: string): JsonSchema {
  const operation = specOperations.get(operationId);
  const schema = operation && deref(operation.node.responses["200"])?.content?.["application/json"]?.schema;
  if (schema === undefined) throw new Error(`no 200 schema for ${operationId}`);
  return schema;
}

// The one Ajv of the tooling: independent of the client's generated checks, which the fake uses.
const validator = createSpecValidator(spec);

/** The failures of `value` against the schema at `pointer` in the bundled spec, as `path: message` lines. */
export function schemaViolations(pointer: string, value: unknown): string[] {
  return validator.violations(pointer, value);
}

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
