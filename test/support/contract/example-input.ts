import type { JsonSchema } from "./schema-arbitrary.js";
import type { NamedExample, SpecOperation, SpecParameter } from "../spec.js";

/** The parts of a `chat.request` input: path and query parameters, and the entity inside the body's envelope. */
export interface OperationInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** A value `schema` accepts, for a parameter without an example: `"1"` for an identifier (a string), `1`, `true`. */
function schemaValue(schema: JsonSchema): unknown {
  const examples = schema.examples as unknown[] | undefined;
  if (schema.example !== undefined) return schema.example;
  if (examples?.length) return examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === "integer" || schema.type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (schema.type === "boolean") return true;
  if (schema.type === "string") return "1";
  throw new Error(`example-input: no value for a parameter of type ${String(schema.type)}; give it an example in the spec`);
}

/** Each of `parameters`, at its first example, else a value its schema accepts. */
function exampleValues(parameters: SpecParameter[]): Record<string, unknown> {
  return Object.fromEntries(parameters.map((p) => [p.name, p.examples[0]?.value ?? schemaValue(p.schema)]));
}

/** The path parameters of `op`, each its example value. */
export function examplePath(op: SpecOperation): Record<string, unknown> {
  return exampleValues(op.parameters.filter((p) => p.in === "path"));
}

/** The request path `op` is called on with these path parameters. */
export function expandPath(op: SpecOperation, path: Record<string, unknown>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path[name])));
}

/** The reference calls of `op`: one per named request example (the entity out of its envelope), or one without a body. */
export function referenceCalls(op: SpecOperation): Array<{ example: NamedExample | undefined; input: OperationInput }> {
  // The query parameters that are required or that the spec gives an example.
  const query = exampleValues(op.parameters.filter((p) => p.in === "query" && (p.required || p.examples.length > 0)));
  const base = { path: examplePath(op), query };
  if (!op.body) return [{ example: undefined, input: base }];
  if (op.body.examples.length === 0) throw new Error(`${op.operationId}: its request body has no named example; add one to the spec`);
  const { envelope } = op.body;
  return op.body.examples.map((example) => ({ example, input: { ...base, body: (example.value as Record<string, unknown>)[envelope] } }));
}

/**
 * The 200 example a reference call should get back: the one named like its request example, else the first (Prism's
 * default); `choose` when there are several, to ask Prism for it (`Prefer: example=…`).
 */
export function expectedResponse(op: SpecOperation, requestExample: string | undefined): { example: NamedExample; choose: boolean } {
  const example = op.okExamples.find((e) => e.name === requestExample) ?? op.okExamples[0];
  if (!example) throw new Error(`${op.operationId}: its 200 response has no named example; add one to the spec`);
  return { example, choose: op.okExamples.length > 1 };
}
