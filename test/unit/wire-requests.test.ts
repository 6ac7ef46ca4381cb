/**
 * What the client sends for every operation of the spec, compared (a) with what bare openapi-fetch sends for the
 * same input through its own `client.GET/POST/…` and (b) with the committed golden file
 * `wire-requests.golden.json` beside this test. The client writes its requests with openapi-fetch's exported
 * serializers and calls `fetch(url, init)` itself (src/core/connection.ts), so an openapi-fetch upgrade that
 * changes what a request looks like fails (b) here, and one that the client no longer follows fails (a).
 *
 * After a deliberate change (a new operation in the spec, a reviewed openapi-fetch upgrade), regenerate the golden
 * file and review its diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run --project unit test/unit/wire-requests.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import { parse } from "yaml";
import { beforeAll, describe, expect, test } from "vitest";
import type { paths } from "../../generated/openapi.js";
import { OPERATIONS } from "../../generated/operations.js";
import { createChatClient, type OperationId } from "../../src/index.js";

const GOLDEN = fileURLToPath(new URL("./wire-requests.golden.json", import.meta.url));
const BASE = "https://acme.iw-erp.de";
/** Not a real token: it is written into the golden file. */
const TOKEN = "golden-session-token";
const IDS = { buildId: "build 7/ü", packageId: "pkg&1" };
/** Extra headers of the client, in mixed case: openapi-fetch merges them in lower case. */
const HEADERS = { "X-Trace-Id": "trace-1", Accept: "application/json; charset=utf-8" };
/** A path value with characters that must be percent-encoded. */
const PATH_VALUE = "7 a/ü?#";
/** A body that is plain JSON data, with characters beyond ASCII, so the bytes are checked too. */
const BODY = { first_name: "Ada ü €", note: 'quote " and \\ and \n', chatroom: { id: 42 }, list: [1, null, true] };

/** One request as it goes out: what the server would see. */
interface WireRequest {
  method: string;
  url: string;
  /** Every header by its name in lower case, sorted by name. */
  headers: Record<string, string>;
  /** The body, decoded from UTF-8; `null` without one. */
  body: string | null;
}

const SPEC = parse(readFileSync(fileURLToPath(new URL("../../generated/openapi.yaml", import.meta.url)), "utf8"));

interface SpecParameter {
  name: string;
  in: string;
  schema: { type: string; enum?: string[] };
}

/** The query parameters the spec declares for an operation (the client adds the ids itself). */
function queryParameters(id: OperationId): SpecParameter[] {
  const { method, path } = OPERATIONS[id];
  const declared: Array<{ $ref: string } | SpecParameter> = SPEC.paths[path][method.toLowerCase()].parameters ?? [];
  return declared
    .map((p) => ("$ref" in p ? (SPEC.components.parameters[p.$ref.replace("#/components/parameters/", "")] as SpecParameter) : p))
    .filter((p) => p.in === "query" && !p.name.startsWith("iw-"));
}

/**
 * The input of an operation: every path parameter, every query parameter of the spec with a value of its type
 * (one string parameter given as an array, which openapi-fetch writes as repeated `name=…`), and a body when the
 * operation takes one.
 */
function inputOf(id: OperationId): { path: Record<string, string>; query: Record<string, unknown>; body?: typeof BODY } {
  const operation = OPERATIONS[id];
  const path = Object.fromEntries(operation.pathParams.map((name) => [name, PATH_VALUE]));
  const query: Record<string, unknown> = {};
  let arrayGiven = false;
  for (const { name, schema } of queryParameters(id)) {
    if (schema.enum) query[name] = schema.enum[0];
    else if (schema.type === "integer") query[name] = 3;
    else if (schema.type === "boolean") query[name] = false;
    else if (!arrayGiven) {
      query[name] = ["1", "two words", "x&y=z"];
      arrayGiven = true;
    } else query[name] = "a b&c=d/ü+%";
  }
  return operation.envelope === null ? { path, query } : { path, query, body: BODY };
}

/** A fetch that records each request and answers 200 with `answer()`. */
function recordingFetch(into: WireRequest[], answer: () => string): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    into.push({
      method: request.method,
      url: input instanceof Request ? input.url : String(input),
      headers: Object.fromEntries([...request.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      body: request.body === null ? null : await request.text(),
    });
    return new Response(answer(), { status: 200, headers: { "content-type": "application/json" } });
  };
}

const ids = Object.keys(OPERATIONS) as OperationId[];
const sentByClient = new Map<OperationId, WireRequest>();
const sentByOpenapiFetch = new Map<OperationId, WireRequest>();

beforeAll(async () => {
  // The client takes only the JSON the operation's result is at its top level: an object, or a list.
  let answer = "{}";
  const fromClient: WireRequest[] = [];
  const chat = createChatClient({
    baseUrl: BASE,
    sessionToken: TOKEN,
    ...IDS,
    headers: HEADERS,
    fetch: recordingFetch(fromClient, () => answer),
    validateResponses: "off",
    retry: false,
    logger: false,
  });
  const fromBare: WireRequest[] = [];
  const bare = createClient<paths>({ baseUrl: BASE, headers: { ...HEADERS, "x-session-token": TOKEN }, fetch: recordingFetch(fromBare, () => answer) });
  for (const id of ids) {
    const { method, path, envelope, response } = OPERATIONS[id];
    const input = inputOf(id);
    answer = response === "array" ? "[]" : "{}";
    await chat.request(id, input as never);
    sentByClient.set(id, fromClient.at(-1) as WireRequest);
    const init = {
      params: { path: input.path, query: { "iw-build-id": IDS.buildId, "iw-package-id": IDS.packageId, ...input.query } },
      ...(envelope === null ? {} : { body: { [envelope]: input.body } }),
    };
    // Its normal API, by method: `bare.GET(path, init)` and so on.
    await (bare[method as "GET"] as (path: string, init: unknown) => Promise<unknown>)(path, init);
    sentByOpenapiFetch.set(id, fromBare.at(-1) as WireRequest);
  }
  expect(fromClient).toHaveLength(ids.length);
  expect(fromBare).toHaveLength(ids.length);
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(Object.fromEntries(sentByClient), null, 2)}\n`);
});

describe("what the client sends, operation by operation", () => {
  test("covers every operation of the spec, with path, query (arrays and ids included) and body", () => {
    expect([...sentByClient.keys()].sort()).toEqual([...ids].sort());
    const list = sentByClient.get("get_chatroom_participant_cget");
    expect(list?.url).toContain("?iw-build-id=build%207%2F%C3%BC&iw-package-id=pkg%261&");
    expect(list?.url).toMatch(/&(\w+)=1&\1=two%20words&\1=x%26y%3Dz&/);
    expect(sentByClient.get("put_chatroom_put")?.url).toMatch(/^https:\/\/acme\.iw-erp\.de\/api\/chat\/chatroom\/7%20a%2F%C3%BC%3F%23\?/);
    expect(sentByClient.get("put_chatroom_put")?.body).toBe(JSON.stringify({ data: BODY }));
  });

  test.each(ids)("%s: the same request as bare openapi-fetch's client for the same input", (id) => {
    expect(sentByClient.get(id)).toEqual(sentByOpenapiFetch.get(id));
  });

  test.each(ids)("%s: the request in the golden file", (id) => {
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, WireRequest>;
    expect(golden[id], `${id} has no request in ${GOLDEN}; regenerate it (see the head of this file) and review the diff`).toBeDefined();
    expect(sentByClient.get(id)).toEqual(golden[id]);
  });
});
