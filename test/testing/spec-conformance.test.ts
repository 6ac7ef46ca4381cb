import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { RequestValidationError, type ChatroomParticipantPayload, type OperationId } from "../../src/index.js";
import { createFakeTenant, FAKE_API_KEY, FAKE_CUSTOMER_SESSION_TOKEN, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { routeOf } from "../../src/testing/routes.js";
import { createFakeClient, ERROR_STYLES, expectErrorAnswer, rejectionOf } from "../support/create-fake-client.js";
import { arbitraryFor, schemaFields, wrongTypeFor, type JsonSchema } from "../support/contract/schema-arbitrary.js";
import { deref, responseViolations, spec, specOperations } from "../support/spec.js";

const IDS = Object.keys(OPERATIONS) as OperationId[];

/** Whether an operation is the customer portal's (`/api/cp/…`), which takes a customer's session. */
const isPortal = (id: OperationId) => OPERATIONS[id].path.startsWith("/api/cp/");

/** The credentials the fake's defaults accept for an operation: a customer's session on the portal, else a staff session. */
const defaultCredentials = (id: OperationId): Record<string, string> => ({ "x-session-token": isPortal(id) ? FAKE_CUSTOMER_SESSION_TOKEN : FAKE_SESSION_TOKEN });

/**
 * The request the spec's examples describe: path parameters 42 (the examples' id), the request example as
 * body, and `credentials` as headers (default: those the fake accepts for the operation).
 */
function exampleRequest(id: OperationId, credentials: Record<string, string> = defaultCredentials(id)): Request {
  const { method, path, node } = specOperations.get(id)!;
  const content = node.requestBody?.content["application/json"];
  const example = content?.examples === undefined ? undefined : deref(Object.values(content.examples)[0]!) as { value: unknown };
  const url = `https://acme.iw-erp.de${path.replace(/\{[^}]+\}/g, "42")}`;
  const headers = { ...credentials, "content-type": "application/json" };
  return new Request(url, { method, headers, ...(example === undefined ? {} : { body: JSON.stringify(example.value) }) });
}

const AUTHENTICATED = IDS.filter((id) => OPERATIONS[id].authenticated);
const STAFF_ONLY = AUTHENTICATED.filter((id) => !isPortal(id));
const PORTAL = AUTHENTICATED.filter(isPortal);

describe("fake tenant: every operation of the spec", () => {
  test("is routed to a behaviour (none is left unsupported)", () => {
    expect(IDS.map((id) => [id, routeOf(id).type]).filter(([, type]) => type === "unsupported")).toEqual([]);
  });

  test.each(IDS)("%s answers its reference example request with 200 and a body that matches the spec", async (id) => {
    // The default users: the login example is the fake's documented user (FAKE_USER).
    const tenant = createFakeTenant();

    const response = await tenant.fetch(exampleRequest(id));

    expect(response.status).toBe(200);
    expect(responseViolations(id, await response.json())).toEqual([]);
  });

  test("all example requests one after the other against one fake: every answer 200 and valid", async () => {
    const tenant = createFakeTenant();

    for (const id of IDS) {
      const response = await tenant.fetch(exampleRequest(id));
      expect([id, response.status]).toEqual([id, 200]);
      expect(responseViolations(id, await response.json())).toEqual([]);
    }
  });

  test.each(STAFF_ONLY)("%s answers its reference example request sent with the API key (x-iw-jwt-token) as with a staff session", async (id) => {
    const tenant = createFakeTenant();

    const response = await tenant.fetch(exampleRequest(id, { "x-iw-jwt-token": FAKE_API_KEY }));

    expect(response.status).toBe(200);
    expect(responseViolations(id, await response.json())).toEqual([]);
  });
});

describe.each(ERROR_STYLES)("fake tenant: every operation's credentials, $style", (style) => {
  test.each(AUTHENTICATED)("%s without credentials is 401 with the iwERP error headers", async (id) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await tenant.fetch(exampleRequest(id, {}));

    expectErrorAnswer(response, style, 401, [/^Missing (credentials|session token): send /]);
  });

  test.each(AUTHENTICATED)("%s with a session token the fake does not know is 401: log in again", async (id) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await tenant.fetch(exampleRequest(id, { "x-session-token": "not-a-session" }));

    expectErrorAnswer(response, style, 401, ["Invalid or expired session: log in again"]);
  });

  test.each(AUTHENTICATED)("%s with an API key the fake does not know (or revoked) is 401: create a new key", async (id) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });
    tenant.revokeApiKey(FAKE_API_KEY);

    const response = await tenant.fetch(exampleRequest(id, { "x-iw-jwt-token": FAKE_API_KEY }));

    expectErrorAnswer(response, style, 401, ["JWT expired or revoked: create a new API key in the iwERP user settings"]);
  });

  test.each(STAFF_ONLY)("%s with a customer's session token is 403", async (id) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await tenant.fetch(exampleRequest(id, { "x-session-token": FAKE_CUSTOMER_SESSION_TOKEN }));

    expectErrorAnswer(response, style, 403, ["A customer's session cannot use this operation: send a staff session token or an API key"]);
  });

  test.each(PORTAL.flatMap((id) => [[id, "a staff session token", { "x-session-token": FAKE_SESSION_TOKEN }] as const, [id, "the API key", { "x-iw-jwt-token": FAKE_API_KEY }] as const]))(
    "%s (customer portal) with %s is 403 and changes nothing",
    async (id, _name, credentials) => {
      const tenant = createFakeTenant({ softErrors: style.softErrors });

      const response = await tenant.fetch(exampleRequest(id, credentials));

      expectErrorAnswer(response, style, 403, ["This is a customer-portal operation: send a customer's session token; a staff session or API key cannot use it"]);
      expect(tenant.state.messages[0]?.updated).toBe("2025-05-04T09:42:00Z");
      expect(tenant.state.reactions).toHaveLength(1);
    },
  );
});

describe.each(ERROR_STYLES)("fake tenant: every operation's failures, $style", (style) => {
  test.each(IDS.filter((id) => OPERATIONS[id].pathParams.length > 0))("%s with an id that does not exist is 404 with the iwERP error headers", async (id) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });
    const example = exampleRequest(id);
    const request = new Request(example.url.replace(/\/42$/, "/404404"), example);

    const response = await tenant.fetch(request);

    expectErrorAnswer(response, style, 404, [/ 404404 not found$/]);
  });

  test.each(IDS.filter((id) => OPERATIONS[id].envelope !== null))("%s with a wrong type in its body is 422 naming the field", async (id) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });
    const { node } = specOperations.get(id)!;
    const envelope = OPERATIONS[id].envelope!;
    const entity = deref(node.requestBody!.content["application/json"]!.schema).properties![envelope]!;
    const [field] = schemaFields(entity, spec);
    const example = exampleRequest(id);
    const body = { [envelope]: { [field!.path[0]!]: wrongTypeFor(field!.schema) } };

    const response = await tenant.fetch(new Request(example, { body: JSON.stringify(body) }));

    expectErrorAnswer(response, style, 422, [new RegExp(`^${envelope}\\.${field!.path[0]}: must be `)]);
  });
});

/** The query parameters of an operation that the spec restricts, each with the values it refuses. */
function wrongQueries(id: OperationId): Array<[string, string]> {
  const parameters = (specOperations.get(id)!.node.parameters ?? []).map((p) => deref(p) as { name: string; in: string; schema: JsonSchema & { enum?: string[]; minimum?: number } });
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

describe.each(ERROR_STYLES)("fake tenant: query parameters the spec restricts, $style", (style) => {
  test.each(IDS.flatMap((id) => wrongQueries(id).map(([name, value]) => [id, name, value] as const)))("%s refuses %s=%s with 422 naming it", async (id, name, value) => {
    const tenant = createFakeTenant({ users: "anyone", softErrors: style.softErrors });
    const example = exampleRequest(id);
    const url = new URL(example.url);
    url.searchParams.set(name, value);

    const response = await tenant.fetch(new Request(url, example));

    expectErrorAnswer(response, style, 422, [new RegExp(`^query\\.${name}: must be `)]);
  });
});

/** Requests of an operation generated from its schemas: the example path (id 42), any query parameters, any body. */
function generatedRequests(id: OperationId): fc.Arbitrary<Request> {
  const { node } = specOperations.get(id)!;
  const query = (node.parameters ?? []).map((p) => deref(p) as { name: string; in: string; schema: JsonSchema }).filter((p) => p.in === "query");
  const queries = fc.record(Object.fromEntries(query.map((p) => [p.name, arbitraryFor(p.schema, spec)])), { requiredKeys: [] });
  const body = node.requestBody ? arbitraryFor(node.requestBody.content["application/json"]!.schema, spec) : fc.constant(undefined);
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
  const participantSchema = deref(specOperations.get("post_chatroom_participant_post")!.node.requestBody!.content["application/json"]!.schema).properties!.data as JsonSchema;

  test("accepts 100 valid participants (references unchecked) and answers each with a valid participant", async () => {
    const { chat, tenant } = createFakeClient({ checkReferences: false });
    await fc.assert(
      fc.asyncProperty(arbitraryFor(participantSchema, spec) as fc.Arbitrary<ChatroomParticipantPayload>, async (participant) => {
        const stored = await chat.chatroomParticipants.add(participant);
        expect(responseViolations("post_chatroom_participant_post", stored)).toEqual([]);
      }),
      { seed: 20251127, numRuns: 100 },
    );
    expect(tenant.requests.every((r) => r.status === 200)).toBe(true);
  });

  // Not the ids (`x-iwerp-id`): the client sends a string of digits there as the integer, and refuses any other
  // string itself (test/unit/body-ids.test.ts).
  test.each(schemaFields(participantSchema, spec).filter((field) => field.schema["x-iwerp-id"] !== true).map((field) => [field.path.join("."), field] as const))(
    "rejects a wrong type in data.%s with a RequestValidationError that names it",
    async (name, field) => {
      const { chat } = createFakeClient();
      const body: Record<string, unknown> = {};
      let node = body;
      for (const key of field.path.slice(0, -1)) node = node[key] = {};
      node[field.path.at(-1)!] = wrongTypeFor(field.schema);

      const error = await rejectionOf(chat.chatroomParticipants.add(body as ChatroomParticipantPayload));

      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).message).toContain(`data.${name}`);
    },
  );
});
