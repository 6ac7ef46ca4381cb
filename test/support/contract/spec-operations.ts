import { deref, namedExamples, specOperations, type SpecOperation as ModuleOperation } from "../../../scripts/lib/spec.mjs";
import type { JsonSchema } from "./schema-arbitrary.js";
import { spec } from "../spec.js";

/** A named example of the spec (`examples.<name>.value`, or `example` under the name `example`). */
export interface NamedExample {
  name: string;
  value: unknown;
}

/** A parameter of an operation, its `$ref` resolved. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  examples: NamedExample[];
}

/** One operation as the bundled spec describes it: what the spec-driven contract tests are made from. */
export interface SpecOperation {
  operationId: string;
  /** Lower case, as in the spec (`get`, `post`, …). */
  method: string;
  path: string;
  parameters: SpecParameter[];
  /** The JSON request body: its envelope key (`data`, `login`), the entity's schema and the named examples (whole bodies). */
  body: { envelope: string; schema: JsonSchema; examples: NamedExample[] } | undefined;
  /** The JSON pointer of the 200 body's schema, for the independent validator. */
  okSchemaPointer: string;
  /** The named examples of the 200 body. */
  okExamples: NamedExample[];
  /** The statuses the spec documents for it (200 and its error answers: 400, 401, 403, 404, 422 …). */
  statuses: number[];
}

interface RawParameter {
  name: string;
  in: SpecParameter["in"];
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, unknown>;
}

/** A parameter as the contract tests read it: its schema resolved, its named examples. */
function parameter(resolved: RawParameter): SpecParameter {
  return {
    name: resolved.name,
    in: resolved.in,
    required: resolved.required === true,
    schema: deref(spec, resolved.schema ?? {}),
    examples: namedExamples(spec, resolved),
  };
}

/** The request body of an operation: one JSON object with a single envelope property around the entity. */
function requestBody(op: ModuleOperation): SpecOperation["body"] {
  if (op.node.requestBody === undefined) return undefined;
  const media = op.requestBody;
  if (!media?.schema) throw new Error(`${op.operationId}: the spec-driven tests know JSON request bodies only; extend spec-operations.ts`);
  const envelope = Object.entries((deref(spec, media.schema) as JsonSchema).properties ?? {});
  if (envelope.length !== 1) throw new Error(`${op.operationId}: the request body is not one envelope property around the entity; extend spec-operations.ts`);
  const [[key, schema]] = envelope as [[string, JsonSchema]];
  return { envelope: key, schema, examples: namedExamples(spec, media) };
}

/** One operation of the spec module (parameters merged and resolved, bodies resolved), as the contract tests read it. */
function readOperation(op: ModuleOperation): SpecOperation {
  if (!op.ok) throw new Error(`${op.operationId}: no JSON 200 response; the spec-driven tests expect one`);
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    parameters: op.parameters.map(parameter),
    body: requestBody(op),
    okSchemaPointer: op.okPointer,
    okExamples: namedExamples(spec, op.ok),
    statuses: Object.keys(op.node.responses ?? {})
      .filter((code) => /^[1-5]\d\d$/.test(code))
      .map(Number),
  };
}

/** Every operation of the bundled spec, in the spec's order. */
export const SPEC_OPERATIONS: readonly SpecOperation[] = specOperations(spec).map(readOperation);
