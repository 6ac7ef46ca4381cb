import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { RequestValidationError, type ChatroomParticipant, type OperationId } from "../../src/index.js";
import { createFakeTenant, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { routeOf } from "../../src/testing/routes.js";
import { createFakeClient, rejectionOf } from "./support/create-fake-client.js";
import { fieldsOf, valuesOf, wrongTypeFor } from "./support/schema-values.js";
import { deref, responseViolations, specOperations, type SchemaNode } from "./support/spec.js";

const IDS = Object.keys(OPERATIONS) as OperationId[];
/** The spec's example login, known to the fake as a user, as a contract run against the fake would set it up. */
const EXAMPLE_USER = { username: "string", password: "string" };

/** The request the spec's examples describe: path parameters 42 (the examples' id), the request example as body. */
function exampleRequest(id: OperationId): Request {
  const { method, path, node } = specOperations.get(id)!;
  const content = node.requestBody?.content["application/json"];
  const example = content?.examples === undefined ? undefined : deref(Object.values(content.examples)[0]!) as { value: unknown };
  const url = `https://acme.iw-erp.de${path.replace(/\{[^}]+\}/g, "42")}`;
  const headers = { "x-session-token": FAKE_SESSION_TOKEN, "content-type": "application/json" };
  return new Request(url, { method, headers, ...(example === undefined ? {} : { body: JSON.stringify(example.value) }) });
}

describe("fake tenant: every operation of the spec", () => {
  test("is routed to a behaviour (none is left unsupported)", () => {
    expect(IDS.map((id) => [id, routeOf(id).type]).filter(([, type]) => type === "unsupported")).toEqual([]);
  });

  test.each(IDS)("%s answers its reference example request with 200 and a body that matches the spec", async (id) => {
    const tenant = createFakeTenant({ users: [EXAMPLE_USER] });

    const response = await tenant.fetch(exampleRequest(id));

    expect(response.status).toBe(200);
    expect(responseViolations(id, await response.json())).toEqual([]);
  });

  test("all example requests one after the other against one fake: every answer 200 and valid", async () => {
    const tenant = createFakeTenant({ users: [EXAMPLE_USER] });

    for (const id of IDS) {
      const response = await tenant.fetch(exampleRequest(id));
      expect([id, response.status]).toEqual([id, 200]);
      expect(responseViolations(id, await response.json())).toEqual([]);
    }
  });

  test.each(IDS.filter((id) => OPERATIONS[id].authenticated))("%s without a session token is 401 with the iwERP error headers", async (id) => {
    const tenant = createFakeTenant();
    const request = exampleRequest(id);
    request.headers.delete("x-session-token");

    const response = await tenant.fetch(request);

    expect(response.status).toBe(401);
    expect(response.headers.get("x-iw-error-code")).toBe("401");
    expect(JSON.parse(response.headers.get("x-iw-error-json") ?? "")).toHaveLength(1);
  });
});

describe("fake tenant: every operation's failures", () => {
  test.each(IDS.filter((id) => OPERATIONS[id].pathParams.length > 0))("%s with an id that does not exist is 404 with the iwERP error headers", async (id) => {
    const tenant = createFakeTenant();
    const example = exampleRequest(id);
    const request = new Request(example.url.replace(/\/42$/, "/404404"), example);

    const response = await tenant.fetch(request);

    expect(response.status).toBe(404);
    expect(response.headers.get("x-iw-error-code")).toBe("404");
    expect(JSON.parse(response.headers.get("x-iw-error-json") ?? "")[0]).toMatch(/ 404404 not found$/);
  });

  test.each(IDS.filter((id) => OPERATIONS[id].envelope !== null))("%s with a wrong type in its body is 422 naming the field", async (id) => {
    const tenant = createFakeTenant();
    const { node } = specOperations.get(id)!;
    const envelope = OPERATIONS[id].envelope!;
    const entity = deref(node.requestBody!.content["application/json"]!.schema).properties![envelope]!;
    const [field] = fieldsOf(entity);
    const example = exampleRequest(id);
    const body = { [envelope]: { [field!.path[0]!]: wrongTypeFor(field!.schema) } };

    const response = await tenant.fetch(new Request(example, { body: JSON.stringify(body) }));

    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get("x-iw-error-json") ?? "")).toEqual([expect.stringMatching(new RegExp(`^${envelope}\\.${field!.path[0]}: must be `))]);
  });
});

/** The query parameters of an operation that the spec restricts, each with the values it refuses. */
function wrongQueries(id: OperationId): Array<[string, string]> {
  const parameters = (specOperations.get(id)!.node.parameters ?? []).map((p) => deref(p) as { name: string; in: string; schema: SchemaNode & { enum?: string[]; minimum?: number } });
  return parameters
    .filter((p) => p.in === "query")
    .flatMap(({ name, schema }) => [
      ...(schema.enum ? [[name, "none-of-these"]] : []),
      ...(schema.type === "integer" ? [[name, "forty-two"]] : []),
      ...(schema.type === "boolean" ? [[name, "maybe"]] : []),
      ...(typeof schema.minimum === "number" ? [[name, String(schema.minimum - 1)]] : []),
      ...(typeof schema.maximum === "number" ? [[name, String(schema.maximum + 1)]] : []),
    ] as Array<[string, string]>);
}

describe("fake tenant: query parameters the spec restricts", () => {
  test.each(IDS.flatMap((id) => wrongQueries(id).map(([name, value]) => [id, name, value] as const)))("%s refuses %s=%s with 422 naming it", async (id, name, value) => {
    const tenant = createFakeTenant({ users: "anyone" });
    const example = exampleRequest(id);
    const url = new URL(example.url);
    url.searchParams.set(name, value);

    const response = await tenant.fetch(new Request(url, example));

    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get("x-iw-error-json") ?? "")).toEqual([expect.stringMatching(new RegExp(`^query\\.${name}: must be `))]);
  });
});

/** Requests of an operation generated from its schemas: the example path (id 42), any query parameters, any body. */
function generatedRequests(id: OperationId): fc.Arbitrary<Request> {
  const { node } = specOperations.get(id)!;
  const query = (node.parameters ?? []).map((p) => deref(p) as { name: string; in: string; schema: SchemaNode }).filter((p) => p.in === "query");
  const queries = fc.record(Object.fromEntries(query.map((p) => [p.name, valuesOf(p.schema)])), { requiredKeys: [] });
  const body = node.requestBody ? valuesOf(node.requestBody.content["application/json"]!.schema) : fc.constant(undefined);
  return fc.tuple(queries, body).map(([q, b]) => {
    const example = exampleRequest(id);
    const url = new URL(example.url);
    for (const [name, value] of Object.entries(q)) url.searchParams.set(name, String(value));
    return new Request(url, { method: example.method, headers: example.headers, ...(b === undefined ? {} : { body: JSON.stringify(b) }) });
  });
}

describe("fake tenant: requests generated from the spec's schemas (as the contract suite sends them)", () => {
  test.each(IDS)("%s answers 20 generated requests with 200 and a valid body (users: anyone, references unchecked)", async (id) => {
    const tenant = createFakeTenant({ users: "anyone", checkReferences: false });
    await fc.assert(
      fc.asyncProperty(generatedRequests(id), async (request) => {
        const response = await tenant.fetch(request);
        const body: unknown = await response.json();
        expect([response.status, body]).toEqual([200, body]);
        expect(responseViolations(id, body)).toEqual([]);
      }),
      { seed: 20251127, numRuns: 20 },
    );
  });
});

describe("fake tenant: participants generated from the schema (as the contract suite sends them)", () => {
  const participantSchema = deref(specOperations.get("post_chatroom_participant_post")!.node.requestBody!.content["application/json"]!.schema).properties!.data as SchemaNode;

  test("accepts 100 valid participants (references unchecked) and answers each with a valid participant", async () => {
    const { chat, tenant } = createFakeClient({ checkReferences: false });
    await fc.assert(
      fc.asyncProperty(valuesOf(participantSchema) as fc.Arbitrary<ChatroomParticipant>, async (participant) => {
        const stored = await chat.chatroomParticipants.add(participant);
        expect(responseViolations("post_chatroom_participant_post", stored)).toEqual([]);
      }),
      { seed: 20251127, numRuns: 100 },
    );
    expect(tenant.requests.every((r) => r.status === 200)).toBe(true);
  });

  test.each(fieldsOf(participantSchema).map((field) => [field.path.join("."), field] as const))(
    "rejects a wrong type in data.%s with a RequestValidationError that names it",
    async (name, field) => {
      const { chat } = createFakeClient();
      const body: Record<string, unknown> = {};
      let node = body;
      for (const key of field.path.slice(0, -1)) node = node[key] = {};
      node[field.path.at(-1)!] = wrongTypeFor(field.schema);

      const error = await rejectionOf(chat.chatroomParticipants.add(body as ChatroomParticipant));

      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).message).toContain(`data.${name}`);
    },
  );
});
