/**
 * The query strings and headers the core writes (src/core/connection.ts, pair by pair with openapi-fetch's
 * `serializePrimitiveParam`) for what `checkQueryValue` lets through, compared with bare openapi-fetch's client for
 * the same input, on awkward input the spec's parameters
 * (test/unit/wire-requests.test.ts) do not have: names that need encoding or start with `?`, empty arrays,
 * mixed arrays, numbers and booleans, undefined values, ids that a query overrides, headers in mixed case.
 */
import createClient from "openapi-fetch";
import { describe, expect, test } from "vitest";
import type { paths } from "../../generated/openapi.js";
import { ChatroomParticipants, createConnection } from "../../src/index.js";
import { jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

const BASE = "https://acme.iw-erp.de";
const PATH = "/api/chat/chatroom_participant";

/** What a request carries: its URL, and its headers by lower-case name, sorted. */
interface Sent {
  url: string;
  headers: Array<[string, string]>;
}

/** A fetch that records each request's URL and headers and answers 200 with an empty list. */
function recordingFetch(into: Sent[]): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    // As the server sees it: the URL as fetch normalises it (e.g. `'` in a query as `%27`).
    into.push({ url: request.url, headers: [...request.headers].sort(([a], [b]) => (a < b ? -1 : 1)) });
    return jsonResponse(200, []);
  };
}

/** What the client and bare openapi-fetch each send for `query`, the client with `options` (ids, headers). */
async function sentBoth(query: Record<string, unknown>, options: { buildId?: string; packageId?: string; headers?: Record<string, string> } = {}): Promise<[Sent, Sent]> {
  const fromClient: Sent[] = [];
  const participants = new ChatroomParticipants(
    createConnection({ baseUrl: BASE, sessionToken: TOKEN, ...options, fetch: recordingFetch(fromClient), retry: false, logger: false }),
  );
  await participants.list(query as never);
  const fromBare: Sent[] = [];
  const ids = { ...(options.buildId === undefined ? {} : { "iw-build-id": options.buildId }), ...(options.packageId === undefined ? {} : { "iw-package-id": options.packageId }) };
  const bare = createClient<paths>({ baseUrl: BASE, headers: { ...options.headers, "x-session-token": TOKEN }, fetch: recordingFetch(fromBare) });
  await bare.GET(PATH, { params: { query: { ...ids, ...query } as never } });
  return [fromClient[0] as Sent, fromBare[0] as Sent];
}

describe("the query string and headers the core writes, against bare openapi-fetch's", () => {
  test.each([
    ["no query at all", {}],
    ["names that need encoding are written as given, values percent-encoded", { "name with space": "a b", ü: "ü/€", "a&b": "c=d" }],
    ["a first name that starts with `?` loses it, as openapi-fetch drops a leading `?`", { "?lead": "x", other: "y" }],
    ["an empty array writes nothing, a mixed one a pair per item", { empty: [], mixed: [1, true, "x&y", 2.5], last: "z" }],
    ["numbers, booleans and undefined values", { page: 0, pageSize: 200, flag: false, on: true, gone: undefined, ratio: -1.25e-7 }],
  ])("%s", async (_, query) => {
    const [client, bare] = await sentBoth(query);
    expect(client).toEqual(bare);
  });

  test("the ids go first, a query of the same name overrides an id's value in its place, and mixed-case headers merge in lower case", async () => {
    const headers = { "X-Trace-Id": "trace-1", "x-trace-id": "trace-2", Accept: "text/plain" };
    const [client, bare] = await sentBoth({ chatroom: "42", "iw-package-id": "query's" }, { buildId: "build 7/ü", packageId: "pkg&1", headers });

    expect(client).toEqual(bare);
    expect(client.url).toBe(`${BASE}${PATH}?iw-build-id=build%207%2F%C3%BC&iw-package-id=query%27s&chatroom=42`);
    expect(client.headers).toContainEqual(["x-trace-id", "trace-2"]);
  });

  test("a package id without a build id goes alone, first, as bare openapi-fetch sends it", async () => {
    const [client, bare] = await sentBoth({ chatroom: "42" }, { packageId: "de.example.app" });

    expect(client).toEqual(bare);
    expect(client.url).toBe(`${BASE}${PATH}?iw-package-id=de.example.app&chatroom=42`);
  });

  test.each([
    ["without ids", {}],
    ["with ids", { buildId: "7" }],
  ])("%s: a parameter named __proto__ (as JSON.parse makes one) is sent as a parameter, and one the query only inherits is not", async (_, options) => {
    const sent: Sent[] = [];
    const participants = new ChatroomParticipants(
      createConnection({ baseUrl: BASE, sessionToken: TOKEN, ...options, fetch: recordingFetch(sent), retry: false, logger: false }),
    );
    // A property of its own named __proto__, as JSON.parse defines one, over a prototype with a property of its own.
    const query = Object.defineProperties(Object.create({ inherited: "x" }) as object, {
      ["__proto__"]: { value: "p", enumerable: true },
      chatroom: { value: "42", enumerable: true },
    });

    await participants.list(query as never);

    const ids = "buildId" in options ? "iw-build-id=7&" : "";
    expect(sent.map((request) => request.url)).toEqual([`${BASE}${PATH}?${ids}__proto__=p&chatroom=42`]);
  });
});
