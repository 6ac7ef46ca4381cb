import type { FakeTenant } from "../../../src/testing/index.js";
import { deref, spec, specOperations } from "./spec.js";

/*
 * The requests the bundled spec's examples describe (generated/openapi.yaml alone: the parameters' examples, the
 * request bodies' named examples, the security schemes' headers), with the status each example documents.
 */

/** A parameter as the bundled spec writes it. */
export interface ParameterNode {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  examples?: Record<string, { $ref?: string; value?: unknown }>;
  schema?: { example?: unknown; examples?: unknown[] };
}

/** An operation as the bundled spec writes it, as far as the examples need it. */
export interface OperationNode {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  "x-iwerp-audience"?: string;
  parameters?: Array<ParameterNode | { $ref: string }>;
  requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { $ref?: string; value?: unknown }> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { examples?: Record<string, unknown> }> }>;
}

/** One request the spec's examples describe, and the status its example documents. */
export interface ExampleCase {
  name: string;
  operationId: string;
  /** The operation as the spec writes it. */
  operation: OperationNode;
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

/** The named examples of a parameter: its own `examples`/`example`, else its schema's. */
export function parameterExamples(parameter: ParameterNode): Array<{ name: string; value: unknown }> {
  if (parameter.examples !== undefined) return Object.entries(parameter.examples).map(([name, example]) => ({ name, value: deref(example).value }));
  if (parameter.example !== undefined) return [{ name: "example", value: parameter.example }];
  if (parameter.schema?.example !== undefined) return [{ name: "example", value: parameter.schema.example }];
  return (parameter.schema?.examples ?? []).map((value, index) => ({ name: `schema example ${index + 1}`, value }));
}

/**
 * The status a request example documents: the status whose response has an example of the same name, else 200
 * (the reference's examples are of successful calls).
 */
function documentedStatus(operation: OperationNode, example: string | undefined): string {
  if (example !== undefined) {
    for (const [status, raw] of Object.entries(operation.responses)) {
      const examples = deref(raw).content?.["application/json"]?.examples ?? {};
      if (Object.hasOwn(examples, example)) return status;
    }
  }
  return "200";
}

/**
 * The credential headers the spec asks for, with the fake's tokens: none for `security: []`; else the header of
 * the `sessionToken` scheme, with a customer's session for a customer-portal operation (`x-iwerp-audience`).
 */
export function credentials(operation: OperationNode, tenant: FakeTenant): Record<string, string> {
  const security = operation.security ?? document.security ?? [];
  if (security.length === 0) return {};
  const scheme = document.components.securitySchemes.sessionToken;
  if (scheme?.in !== "header" || scheme.name === undefined) throw new Error("the spec's sessionToken scheme is no header");
  return { [scheme.name]: operation["x-iwerp-audience"] === "customer" ? tenant.customerSessionToken : tenant.sessionToken };
}

/**
 * Every example request of the spec: one per named request body example (or one, without a body), each
 * parameter at its first example, and one more per further named example of a parameter.
 */
export function exampleCases(tenant: FakeTenant): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [id, { method, path, node }] of specOperations) {
    const operation = node as unknown as OperationNode;
    const parameters = (operation.parameters ?? []).map((p) => deref(p) as ParameterNode).filter((p) => p.in === "path" || p.in === "query");
    for (const p of parameters) {
      if ((p.in === "path" || p.required === true) && parameterExamples(p).length === 0) throw new Error(`${id}: parameter ${p.name} has no example in the spec`);
    }
    const media = operation.requestBody === undefined ? undefined : deref(operation.requestBody).content["application/json"];
    const bodies: Array<{ name: string | undefined; value: unknown }> =
      media === undefined
        ? [{ name: undefined, value: undefined }]
        : media.examples !== undefined
          ? Object.entries(media.examples).map(([name, example]) => ({ name, value: deref(example).value }))
          : [{ name: "example", value: media.example }];
    // The first example of every parameter, and one variant per further named example of a parameter.
    const variants: Array<{ label: string; example: string | undefined; chosen: Record<string, unknown> }> = [{ label: "", example: undefined, chosen: {} }];
    for (const p of parameters) {
      for (const example of parameterExamples(p).slice(1)) variants.push({ label: ` (${p.name}: ${example.name})`, example: example.name, chosen: { [p.name]: example.value } });
    }
    for (const body of bodies) {
      for (const { label, example, chosen } of variants) {
        const value = (p: ParameterNode): unknown => (Object.hasOwn(chosen, p.name) ? chosen[p.name] : parameterExamples(p)[0]?.value);
        const query = new URLSearchParams();
        for (const p of parameters.filter((q) => q.in === "query" && parameterExamples(q).length > 0)) query.set(p.name, String(value(p)));
        const exampleName = example ?? body.name;
        cases.push({
          name: `${id}${body.name === undefined ? "" : ` with its request example "${body.name}"`}${label}`,
          operationId: id,
          operation,
          method,
          path: path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(value(parameters.find((p) => p.in === "path" && p.name === name)!)))),
          query,
          headers: { ...credentials(operation, tenant), ...(body.value === undefined ? {} : { "content-type": "application/json" }) },
          body: body.value,
          status: documentedStatus(operation, exampleName),
        });
      }
    }
  }
  return cases;
}

