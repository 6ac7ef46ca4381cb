import { resolveSchema, type JsonSchema } from "./schema-arbitrary.js";
import { responseSchemaPointer, spec, specOperations } from "./spec-validator.js";

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

interface RawMedia {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}

interface RawParameter {
  $ref?: string;
  name: string;
  in: SpecParameter["in"];
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}

/** Follows `$ref`s to components of the bundled spec. */
function deref<T>(node: T): T {
  return resolveSchema(node as JsonSchema, spec) as T;
}

/** The named examples of a media type or parameter, `$ref`s resolved. */
function namedExamples(holder: { example?: unknown; examples?: RawMedia["examples"] }): NamedExample[] {
  if (holder.examples) return Object.entries(holder.examples).map(([name, example]) => ({ name, value: deref(example).value }));
  return holder.example === undefined ? [] : [{ name: "example", value: holder.example }];
}

function parameter(raw: RawParameter): SpecParameter {
  const resolved = deref(raw);
  return {
    name: resolved.name,
    in: resolved.in,
    required: resolved.required === true,
    schema: resolveSchema(resolved.schema ?? {}, spec),
    examples: namedExamples(resolved),
  };
}

/** The request body of an operation: one JSON object with a single envelope property around the entity. */
function requestBody(operationId: string, raw: { $ref?: string; content?: Record<string, RawMedia> } | undefined): SpecOperation["body"] {
  if (raw === undefined) return undefined;
  const media = deref(raw).content?.["application/json"];
  if (!media?.schema) throw new Error(`${operationId}: the spec-driven tests know JSON request bodies only; extend spec-operations.ts`);
  const envelope = Object.entries(resolveSchema(media.schema, spec).properties ?? {});
  if (envelope.length !== 1) throw new Error(`${operationId}: the request body is not one envelope property around the entity; extend spec-operations.ts`);
  const [[key, schema]] = envelope as [[string, JsonSchema]];
  return { envelope: key, schema, examples: namedExamples(media) };
}

/** Reads one operation from the bundled spec. */
function readOperation({ operationId, method, path }: { operationId: string; method: string; path: string }): SpecOperation {
  const item = spec.paths[path] as Record<string, any>;
  const raw = item[method];
  // Operation-level parameters override path-level ones of the same name and place.
  const byKey = new Map<string, SpecParameter>();
  for (const entry of [...(item.parameters ?? []), ...(raw.parameters ?? [])] as RawParameter[]) {
    const resolved = parameter(entry);
    byKey.set(`${resolved.in} ${resolved.name}`, resolved);
  }
  const okRaw = (raw.responses?.["200"] ?? {}) as { $ref?: string };
  const ok = deref(okRaw) as { content?: Record<string, RawMedia> };
  const okMedia = ok.content?.["application/json"];
  if (!okMedia) throw new Error(`${operationId}: no JSON 200 response; the spec-driven tests expect one`);
  return {
    operationId,
    method,
    path,
    parameters: [...byKey.values()],
    body: requestBody(operationId, raw.requestBody),
    // A pointer through a `$ref` would not resolve, so a shared response is pointed at where it is defined.
    okSchemaPointer: okRaw.$ref ? `${okRaw.$ref}/content/application~1json/schema` : responseSchemaPointer(path, method, "200"),
    okExamples: namedExamples(okMedia),
    statuses: Object.keys(raw.responses ?? {})
      .filter((code) => /^[1-5]\d\d$/.test(code))
      .map(Number),
  };
}

/** Every operation of the bundled spec, in the spec's order. */
export const SPEC_OPERATIONS: readonly SpecOperation[] = specOperations().map(readOperation);
