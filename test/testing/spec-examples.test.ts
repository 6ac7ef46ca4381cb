import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFakeTenant, serveFakeTenant, type FakeTenant, type FakeTenantServer } from "../../src/testing/index.js";
import { deref, responseViolations, spec, specOperations } from "./support/spec.js";

/*
 * Issue 20: every example request of the spec, built from the bundled spec alone (generated/openapi.yaml: the
 * parameters' examples, the request bodies' named examples, the security schemes' headers), sent unchanged over
 * HTTP to serveFakeTenant with its default seed and tokens, gets the status its example documents and a body
 * that Ajv accepts against the spec's schema for that status. Nothing here comes from the client's operation
 * table or the fake's routing.
 */

interface ParameterNode {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  examples?: Record<string, { $ref?: string; value?: unknown }>;
  schema?: { example?: unknown; examples?: unknown[] };
}

interface OperationNode {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  "x-iwerp-audience"?: string;
  parameters?: Array<ParameterNode | { $ref: string }>;
  requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { $ref?: string; value?: unknown }> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { examples?: Record<string, unknown> }> }>;
}

/** One request the spec's examples describe, and the status its example documents. */
interface ExampleCase {
  name: string;
  operationId: string;
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
function parameterExamples(parameter: ParameterNode): Array<{ name: string; value: unknown }> {
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
function credentials(operation: OperationNode, tenant: FakeTenant): Record<string, string> {
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
function exampleCases(tenant: FakeTenant): ExampleCase[] {
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

let tenant: FakeTenant;
let server: FakeTenantServer;

beforeAll(async () => {
  tenant = createFakeTenant();
  server = await serveFakeTenant(tenant);
});
afterAll(async () => {
  await server?.close();
});

describe("every example request of the bundled spec, sent unchanged to serveFakeTenant (default seed, its tokens)", () => {
  // Built once to name the tests; the tokens are the default ones, the same for every fake.
  const cases = exampleCases(createFakeTenant());

  test("covers every operation of the spec", () => {
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(specOperations.keys()));
  });

  // Each on the default seed again (reset), so that a delete's example does not take what a later read needs.
  test.each(cases.map((c) => [c.name, c] as const))("%s gets its documented status and a body that matches the spec's schema for it", async (_name, example) => {
    tenant.reset();
    const query = example.query.size > 0 ? `?${example.query}` : "";
    const response = await fetch(`${server.url}${example.path}${query}`, {
      method: example.method,
      headers: example.headers,
      ...(example.body === undefined ? {} : { body: JSON.stringify(example.body) }),
    });
    const text = await response.text();

    expect([response.status, text.slice(0, 300)]).toEqual([Number(example.status), expect.any(String)]);
    const body: unknown = text === "" ? undefined : JSON.parse(text);
    expect(responseViolations(example.operationId, body, example.status)).toEqual([]);
  });
});
