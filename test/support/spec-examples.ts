import type { FakeTenant } from "../../src/testing/index.js";
import { deref, spec, SPEC_OPERATIONS, type NamedExample, type OperationNode, type SpecOperation, type SpecParameter } from "./spec.js";

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

/** The named examples of a parameter: its own `examples`/`example`, else its schema's. */
export function parameterExamples(parameter: SpecParameter): NamedExample[] {
  if (parameter.examples.length > 0) return parameter.examples;
  const schema = parameter.schema as { example?: unknown; examples?: unknown[] };
  if (schema.example !== undefined) return [{ name: "example", value: schema.example }];
  return (schema.examples ?? []).map((value, index) => ({ name: `schema example ${index + 1}`, value }));
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

/** Every example request of the spec: per request body example (or none), each parameter at its first example, and per further one. */
export function exampleCases(tenant: FakeTenant): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const operation of SPEC_OPERATIONS) {
    const { operationId: id, method, path, node } = operation;
    const parameters = operation.parameters.filter((p) => p.in === "path" || p.in === "query");
    for (const p of parameters) {
      if ((p.in === "path" || p.required) && parameterExamples(p).length === 0) throw new Error(`${id}: parameter ${p.name} has no example in the spec`);
    }
    const bodies: Array<{ name: string | undefined; value: unknown }> = operation.body?.examples ?? [{ name: undefined, value: undefined }];
    const variants: Array<{ label: string; example: string | undefined; chosen: Record<string, unknown> }> = [{ label: "", example: undefined, chosen: {} }];
    for (const p of parameters) {
      for (const example of parameterExamples(p).slice(1)) variants.push({ label: ` (${p.name}: ${example.name})`, example: example.name, chosen: { [p.name]: example.value } });
    }
    for (const body of bodies) {
      for (const { label, example, chosen } of variants) {
        const value = (p: SpecParameter): unknown => (Object.hasOwn(chosen, p.name) ? chosen[p.name] : parameterExamples(p)[0]?.value);
        const query = new URLSearchParams();
        for (const p of parameters.filter((q) => q.in === "query" && parameterExamples(q).length > 0)) query.set(p.name, String(value(p)));
        cases.push({
          name: `${id}${body.name === undefined ? "" : ` with its request example "${body.name}"`}${label}`,
          operationId: id,
          operation,
          method: method.toUpperCase(),
          path: path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(value(parameters.find((p) => p.in === "path" && p.name === name)!)))),
          query,
          headers: { ...credentials(node, tenant), ...(body.value === undefined ? {} : { "content-type": "application/json" }) },
          body: body.value,
          status: documentedStatus(node, example ?? body.name),
        });
      }
    }
  }
  return cases;
}
