import type { FakeTenant } from "../../src/testing/index.js";
import type { JsonSchema } from "./contract/schema-arbitrary.js";
import { deref, spec, SPEC_OPERATIONS, type NamedExample, type OperationNode, type SpecOperation, type SpecParameter } from "./spec.js";

/** The parts of a `chat.request` input: path and query parameters, and the entity inside the body's envelope. */
export interface OperationInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** One request the bundled spec's examples describe (its parameters', request bodies' and security schemes'), and the status it documents. */
export interface ExampleCase {
  name: string;
  operationId: string;
  operation: SpecOperation;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  status: string;
}

const document = spec as unknown as {
  security?: Array<Record<string, string[]>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
};

/** A value `schema` accepts, for a parameter without an example: `"1"` for an identifier (a string), `1`, `true`. */
function schemaValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === "integer" || schema.type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (schema.type === "boolean") return true;
  if (schema.type === "string") return "1";
  throw new Error(`spec-examples: no value for a parameter of type ${String(schema.type)}; give it an example in the spec`);
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

/** The status whose response has an example named like the request's, else 200 (the reference's examples succeed). */
function documentedStatus(operation: OperationNode, example: string | undefined): string {
  if (example !== undefined) {
    for (const [status, raw] of Object.entries(operation.responses)) {
      const examples = deref(raw).content?.["application/json"]?.examples ?? {};
      if (Object.hasOwn(examples, example)) return status;
    }
  }
  return "200";
}

/** The header of the `sessionToken` scheme the spec asks for (none for `security: []`), the fake's staff or customer session. */
function credentials(operation: OperationNode, tenant: FakeTenant): Record<string, string> {
  const security = operation.security ?? document.security ?? [];
  if (security.length === 0) return {};
  const scheme = document.components.securitySchemes.sessionToken;
  if (scheme?.in !== "header" || scheme.name === undefined) throw new Error("the spec's sessionToken scheme is no header");
  return { [scheme.name]: operation["x-iwerp-audience"] === "customer" ? tenant.customerSessionToken : tenant.sessionToken };
}

/**
 * Every example request of the spec, as sent on the wire: each reference call (see `referenceCalls`) with every
 * parameter at its first example, and once more per further example of a parameter.
 */
export function exampleCases(tenant: FakeTenant): ExampleCase[] {
  return SPEC_OPERATIONS.flatMap((operation) => {
    const { operationId: id, node } = operation;
    const parameters = operation.parameters.filter((p) => p.in === "path" || p.in === "query");
    const variants: Array<{ label: string; example?: string; path?: Record<string, unknown>; query?: Record<string, unknown> }> = [{ label: "" }];
    for (const p of parameters) {
      if ((p.in === "path" || p.required) && p.examples.length === 0) throw new Error(`${id}: parameter ${p.name} has no example in the spec`);
      for (const { name, value } of p.examples.slice(1)) variants.push({ label: ` (${p.name}: ${name})`, example: name, [p.in]: { [p.name]: value } });
    }
    return referenceCalls(operation).flatMap(({ example: body, input }) =>
      variants.map(({ label, example, path, query }) => ({
        name: `${id}${body === undefined ? "" : ` with its request example "${body.name}"`}${label}`,
        operationId: id,
        operation,
        method: operation.method.toUpperCase(),
        path: expandPath(operation, { ...input.path, ...path }),
        query: new URLSearchParams(Object.entries({ ...input.query, ...query }).map(([name, value]) => [name, String(value)])),
        headers: { ...credentials(node, tenant), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body?.value,
        status: documentedStatus(node, example ?? body?.name),
      })),
    );
  });
}
