import { describe, expect, test } from "vitest";
import { createChatClient, InvalidInputError, type CallOptions, type ChatClientOptions, type ChatroomParticipantPayload } from "../../src/index.js";
import { createScriptedFetch } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

/** Runs `build` and returns what it threw, or fails the test. */
function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error("expected an InvalidInputError, but nothing was thrown");
}

describe("createChatClient rejects bad options before anything is sent", () => {
  const base = { host: "acme.iw-erp.de", sessionToken: TOKEN };

  // Options as JavaScript may pass them: the union type would refuse some of these at compile time.
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a missing token", { sessionToken: undefined }, "options", /give exactly one of `apiKey` \(from the iwERP user settings\) or `sessionToken` \(from login\(\)\); got neither\./],
    ["a token of null", { sessionToken: null }, "sessionToken", /missing or blank\. Pass the `session\.sessionid` that `login\(\)` returns\./],
    ["both an API key and a session token", { apiKey: "key-1" }, "options", /give exactly one of `apiKey` .* or `sessionToken` .*; got both\./],
    ["a blank API key", { apiKey: " ", sessionToken: undefined }, "apiKey", /missing or blank\. Create a new API key in the iwERP user settings and pass it as `apiKey`\./],
    ["an API key with CR/LF inside", { apiKey: "key\r\nX-Evil: 1", sessionToken: undefined }, "apiKey", /contains a line break, control or non-ASCII character at position 4; remove it/],
    ["an API key that is not ASCII", { apiKey: "kéy", sessionToken: undefined }, "apiKey", /non-ASCII character at position 2/],
    ["an API key with surrounding spaces", { apiKey: "key ", sessionToken: undefined }, "apiKey", /starts or ends with white space; trim it/],
    ["an API key that is not a string", { apiKey: 42, sessionToken: undefined }, "apiKey", /missing or blank/],
    ["a blank token", { sessionToken: "   " }, "sessionToken", /missing or blank/],
    ["a token with CR/LF inside", { sessionToken: "tok\r\nX-Evil: 1" }, "sessionToken", /contains a line break, control or non-ASCII character at position 4; remove it/],
    ["a token ending in a newline", { sessionToken: `${TOKEN}\n` }, "sessionToken", new RegExp(`line break, control or non-ASCII character at position ${TOKEN.length + 1}; remove it`)],
    ["a token with a tab", { sessionToken: "tok\tx" }, "sessionToken", /control or non-ASCII character at position 4/],
    ["a token with surrounding spaces", { sessionToken: ` ${TOKEN}` }, "sessionToken", /starts or ends with white space; trim it/],
    ["a token that is not ASCII", { sessionToken: "tök-123" }, "sessionToken", /non-ASCII character at position 2/],
    ["a host with a scheme", { host: "https://acme.iw-erp.de" }, "host", /must be a host name alone, such as `acme\.iw-erp\.de`; pass a full URL as `baseUrl`/],
    ["a host with a path", { host: "acme.iw-erp.de/api" }, "host", /must be a host name alone, .*pass a full URL as `baseUrl`/],
    ["a host with a space", { host: "acme iw-erp.de" }, "host", /is not a host name such as `acme\.iw-erp\.de` \(with an optional `:port` from 1 to 65535\)/],
    ["a host with junk", { host: "acme;rm -rf.de" }, "host", /is not a host name such as/],
    ["a host with a user", { host: "user@acme.iw-erp.de" }, "host", /is not a host name such as/],
    ["a host with a query", { host: "acme.iw-erp.de?x=1" }, "host", /is not a host name such as/],
    ["a host with a percent-encoded dot", { host: "acme%2Eiw-erp.de" }, "host", /is not a host name such as/],
    ["a host with an empty label", { host: "acme..iw-erp.de" }, "host", /is not a host name such as/],
    ["a host ending in a dot", { host: "acme.iw-erp.de." }, "host", /is not a host name such as/],
    ["a host with a label that starts with a hyphen", { host: "-acme.iw-erp.de" }, "host", /is not a host name such as/],
    ["a host with a label that ends with a hyphen", { host: "acme-.iw-erp.de" }, "host", /is not a host name such as/],
    ["a host with a label over 63 characters", { host: `${"a".repeat(64)}.iw-erp.de` }, "host", /is not a host name such as/],
    ["a host with five numbers", { host: "1.2.3.4.5" }, "host", /is not a host name such as/],
    ["a host with a port out of range", { host: "acme.iw-erp.de:99999" }, "host", /port` from 1 to 65535/],
    ["a host with port 0", { host: "acme.iw-erp.de:0" }, "host", /port` from 1 to 65535/],
    ["a malformed IPv6 host", { host: "[:::::]" }, "host", /is not a host name/],
    ["a blank host", { host: " " }, "host", /is not a host name such as `acme\.iw-erp\.de`/],
    ["a host that is not a string", { host: 42 as never }, "host", /is not a host name such as `acme\.iw-erp\.de`/],
    ["both host and baseUrl", { baseUrl: "https://acme.iw-erp.de" }, "host", /give either `host` or `baseUrl`, not both/],
    ["a control character in buildId", { buildId: "7\r\n" }, "buildId", /contains a control character \(e\.g\. a line break\); remove it/],
    ["a blank packageId", { packageId: "" }, "packageId", /non-empty string, or left out/],
    ["a zero timeout", { timeoutMs: 0 }, "timeoutMs", /must be a positive number of milliseconds up to 2147483647 \(got 0\)/],
    ["a negative deadline", { deadlineMs: -1 }, "deadlineMs", /positive number of milliseconds up to 2147483647 \(got -1\)/],
    ["an infinite timeout", { timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs", /positive number/],
    ["a timeout too long for a timer", { timeoutMs: 3e9 }, "timeoutMs", /positive number of milliseconds up to 2147483647 \(got 3000000000\)/],
    ["a timeout that is not a number", { timeoutMs: "5000" as never }, "timeoutMs", /positive number of milliseconds .*\(got 5000\)/],
    ["zero attempts", { retry: { maxAttempts: 0 } }, "retry.maxAttempts", /whole number of at least 1 \(got 0\)/],
    ["a fractional attempt count", { retry: { maxAttempts: 1.5 } }, "retry.maxAttempts", /whole number/],
    ["a negative initial delay", { retry: { initialDelayMs: -5 } }, "retry.initialDelayMs", /positive number/],
    ["a retry hook that is not a function", { retry: { onRetry: "log" as never } }, "retry.onRetry", /must be a function/],
    ["a retry that is neither options nor false", { retry: true as never }, "retry", /object of retry options, or false/],
    ["an unknown validation mode", { validateResponses: "loud" as never }, "validateResponses", /must be "off", "warn" or "throw" \(got "loud"\)/],
    ["a logger without methods", { logger: {} as never }, "logger", /must have `info` and `warn` methods \(e\.g\. `console`\), or be false/],
    ["a header setting the token", { headers: { "X-Session-Token": "other" } }, "headers", /must not set x-session-token; pass it as `sessionToken`/],
    ["a header setting an API key", { headers: { "X-IW-JWT-Token": "other" } }, "headers", /must not set x-iw-jwt-token; pass it as `apiKey`/],
    ["a header value with a line break", { headers: { "x-trace": "a\r\nb" } }, "headers", /value of x-trace must be a Latin-1 string without control characters/],
    ["a header value beyond Latin-1", { headers: { "x-trace": "5 €" } }, "headers", /Latin-1/],
    ["a header name with a space", { headers: { "x trace": "a" } }, "headers", /"x trace" is not a valid header name/],
    ["headers as a Headers object, whose entries are no properties of its own (they went out dropped)", { headers: new Headers({ "x-gateway-key": "key" }) }, "headers", /must be an object of header names to string values/],
    ["a maxResponseBytes of zero", { maxResponseBytes: 0 }, "maxResponseBytes", /at least 1/],
    ["an allowInsecureHttp that is not boolean", { allowInsecureHttp: "yes" as never }, "allowInsecureHttp", /true or false/],
  ])("%s", (_case, override, input, message) => {
    const counting = createScriptedFetch((request) => fetch(request));

    const error = thrownBy(() => createChatClient({ ...base, fetch: counting.fetch, ...override } as ChatClientOptions));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ name: "InvalidInputError", input });
    expect((error as Error).message).toMatch(new RegExp(`^Invalid ${input.replace(".", "\\.")}: `));
    expect((error as Error).message).toMatch(message);
    expect(counting.requests.length).toBe(0);
  });

  test.each<[string, string, RegExp]>([
    ["plain http to a host that is not loopback", "http://acme.iw-erp.de", /would send the token unencrypted \(http:\/\/ to a host that is not loopback\); use https:\/\/, or set `allowInsecureHttp: true`/],
    ["a scheme other than http(s)", "ftp://acme.iw-erp.de", /must use https:\/\/ \(got ftp:\/\/\)/],
    ["no scheme at all", "acme.iw-erp.de", /must be an absolute URL such as `https:\/\/acme\.iw-erp\.de`/],
    ["an empty string", "", /must be an absolute URL such as `https:\/\/acme\.iw-erp\.de`/],
    ["credentials in the URL", "https://user:pw@acme.iw-erp.de", /must not contain credentials; pass the token as `sessionToken`/],
    ["a query", "https://acme.iw-erp.de/?iw-build-id=1", /must not contain a query or fragment/],
    ["a space", "https://acme .iw-erp.de", /must not contain spaces or control characters/],
    ["an empty fragment", "https://acme.iw-erp.de/#", /must not contain a query or fragment/],
    ["port 0", "http://127.0.0.1:0", /has port 0; give the server's real port/],
  ])("a baseUrl with %s", (_case, baseUrl, message) => {
    const counting = createScriptedFetch((request) => fetch(request));

    const error = thrownBy(() => createChatClient({ baseUrl, sessionToken: TOKEN, fetch: counting.fetch }));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "baseUrl" });
    expect((error as Error).message).toMatch(message);
    expect(counting.requests.length).toBe(0);
  });

  test("neither host nor baseUrl: says to pass the tenant's host", () => {
    const error = thrownBy(() => createChatClient({ sessionToken: TOKEN }));

    expect(error).toMatchObject({ name: "InvalidInputError", input: "host" });
    expect((error as Error).message).toMatch(/missing: pass your tenant's host name, e\.g\. `\{ host: "acme\.iw-erp\.de" \}`/);
  });

  test("options that are not an object", () => {
    expect(thrownBy(() => createChatClient(null as never))).toMatchObject({ name: "InvalidInputError", input: "options" });
  });
});

describe("good options", () => {
  test.each([
    [{ host: "Acme.IW-ERP.de" }, "https://acme.iw-erp.de"],
    [{ host: "acme.iw-erp.de:8443" }, "https://acme.iw-erp.de:8443"],
    [{ host: "acme.iw-erp.de:443" }, "https://acme.iw-erp.de"],
    [{ host: "[::1]:4010" }, "https://[::1]:4010"],
    [{ host: `${"a".repeat(63)}.iw-erp.de` }, `https://${"a".repeat(63)}.iw-erp.de`],
    [{ host: "10.0.0.7:8443" }, "https://10.0.0.7:8443"],
    [{ baseUrl: "https://acme.iw-erp.de/" }, "https://acme.iw-erp.de"],
    [{ baseUrl: "https://acme.iw-erp.de/tenant/" }, "https://acme.iw-erp.de/tenant"],
    [{ baseUrl: "http://127.0.0.1:4010" }, "http://127.0.0.1:4010"],
    [{ baseUrl: "http://localhost:4010" }, "http://localhost:4010"],
    [{ baseUrl: "http://[::1]:4010" }, "http://[::1]:4010"],
    [{ baseUrl: "http://intranet.example", allowInsecureHttp: true }, "http://intranet.example"],
  ])("%o gives the base URL %s", (options, baseUrl) => {
    expect(createChatClient({ sessionToken: TOKEN, ...options }).baseUrl).toBe(baseUrl);
  });
});

describe("add rejects bad arguments before anything is sent", () => {
  const counting = createScriptedFetch((request) => fetch(request));
  const client = createChatClient({ baseUrl: "http://127.0.0.1:9", sessionToken: TOKEN, fetch: counting.fetch });
  const circular: Record<string, unknown> = { first_name: "Ada" };
  circular.self = circular;

  test.each<[string, unknown, CallOptions | undefined, string, RegExp]>([
    ["no participant", undefined, undefined, "participant", /must be a plain object of the entity's fields \(got undefined\)/],
    ["an array as participant", [], undefined, "participant", /must be a plain object .*\(got an array\)/],
    ["a Date as participant", new Date(0), undefined, "participant", /must be a plain object .*\(got a Date\)/],
    ["a String object as participant", new String("Ada"), undefined, "participant", /\(got a String\)/],
    ["a Map as participant", new Map([["first_name", "Ada"]]), undefined, "participant", /\(got a Map\)/],
    ["a participant whose toJSON returns something else", { first_name: "Ada", toJSON: () => ({ first_name: "Eve" }) }, undefined, "participant", /has a toJSON method, so JSON would send something else/],
    ["a participant with a Date inside", { last_read_at: new Date(0) }, undefined, "participant.last_read_at", /is a Date; pass plain data \(e\.g\. a date as an ISO string\)/],
    ["a participant with NaN", { id: Number.NaN }, undefined, "participant.id", /is NaN, which JSON sends as null; pass a finite number/],
    ["a participant with Infinity inside", { chatroom: { id: Number.POSITIVE_INFINITY } }, undefined, "participant.chatroom.id", /is Infinity/],
    ["a participant with undefined in an array", { tags: [1, undefined] } as never, undefined, "participant.tags[1]", /undefined in an array, which JSON sends as null/],
    ["a participant with a cycle", circular, undefined, "participant.self", /refers back to an object that contains it \(a cycle\)/],
    ["a participant with a BigInt", { id: 1n }, undefined, "participant.id", /is a bigint, which JSON cannot carry/],
    ["a negative call timeout", {}, { timeoutMs: -1 }, "timeoutMs", /positive number/],
    ["a signal that is not an AbortSignal", {}, { signal: {} as AbortSignal }, "signal", /must be an AbortSignal/],
    ["call options that are not an object", {}, "fast" as never, "options", /must be an object such as `\{ signal \}`/],
    ["an unknown validation mode for the call", {}, { validateResponses: "never" as never }, "validateResponses", /"off", "warn" or "throw"/],
  ])("%s", async (_case, participant, options, input, message) => {
    const error = await client.chatroomParticipants.add(participant as ChatroomParticipantPayload, options).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input, method: "POST", url: "http://127.0.0.1:9/api/chat/chatroom_participant" });
    expect((error as Error).message).toMatch(/^POST http:\/\/127\.0\.0\.1:9\/api\/chat\/chatroom_participant was not sent\. Invalid /);
    expect((error as Error).message).toMatch(message);
    expect(counting.requests.length).toBe(0);
  });

  test("an object without a prototype is plain data and is sent", async () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { first_name: "Ada" });

    await client.chatroomParticipants.add(bare as ChatroomParticipantPayload, { retry: false }).catch(() => undefined);

    expect(counting.requests.length).toBe(1);
  });
});

describe("path and query values are checked before anything is sent", () => {
  const counting = createScriptedFetch((request) => fetch(request));
  const client = createChatClient({ baseUrl: "http://127.0.0.1:9", sessionToken: TOKEN, fetch: counting.fetch, retry: false });

  test.each<[string, () => Promise<unknown>, string, RegExp]>([
    ["an object as a query value", () => client.chatroomParticipants.list({ chatroom: {} as never }), "query.chatroom", /must be a string, a finite number or a boolean \(got an object\)/],
    ["a Date as a query value", () => client.chatroomParticipants.list({ person: new Date(0) as never }), "query.person", /\(got a Date\)/],
    ["a blank id", () => client.chatroomMessages.get(" "), "identifier", /must be a non-empty string or a whole number, such as an entity's `id` \(got a blank string\)/],
    ["a fractional id", () => client.chatroomMessages.get(1.5), "identifier", /\(got 1\.5\)/],
    ["an id of `..`", () => client.chatroomMessages.get(".."), "identifier", /is "\.\.", which a URL resolves as a step up the path/],
    // Their entries are no properties of their own: the list went out without its filter, every room's participants.
    ["URLSearchParams as the query", () => client.chatroomParticipants.list(new URLSearchParams("chatroom=42") as never), "query", /must be an object of query parameters \(got a URLSearchParams\)/],
    ["a Map as the query", () => client.chatroomParticipants.list(new Map([["chatroom", 42]]) as never), "query", /must be an object of query parameters \(got a Map\)/],
  ])("%s is an InvalidInputError naming it", async (_case, call, input, message) => {
    const error = await call().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input });
    expect((error as Error).message).toMatch(message);
    expect(counting.requests.length).toBe(0);
  });
});
