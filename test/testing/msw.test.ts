import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ConnectionError, createChatClient, ServerError } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";
import { fakeTenantHandlers } from "../../src/testing/msw.js";

const BASE_URL = "https://acme.iw-erp.de";
const tenant = createFakeTenant();
const prefixed = createFakeTenant();
const server = setupServer(
  ...fakeTenantHandlers(tenant, { baseUrl: BASE_URL }),
  ...fakeTenantHandlers(prefixed, { baseUrl: "https://gateway.example.test/iwerp/" }),
);

/** A real HTTP server on 127.0.0.1 (outside both base URLs) that answers every request with its path. */
let outside: Server;
let outsideUrl: string;

beforeAll(async () => {
  // "bypass": a request no handler takes goes to the network as it would without MSW.
  server.listen({ onUnhandledRequest: "bypass" });
  outside = createServer((request, response) => response.end(`outside ${request.url}`));
  await new Promise<void>((resolve) => outside.listen(0, "127.0.0.1", resolve));
  outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;
});
afterEach(() => {
  tenant.reset();
  prefixed.reset();
});
afterAll(async () => {
  server.close();
  await new Promise<void>((resolve, reject) => outside.close((error) => (error ? reject(error) : resolve())));
});

/** The app's own call, not through the client: plain fetch with the session token. */
function appFetch(path: string, init: RequestInit = {}) {
  return fetch(`${BASE_URL}${path}`, { ...init, headers: { "x-session-token": tenant.sessionToken, "content-type": "application/json", ...init.headers } });
}

describe("fakeTenantHandlers routes MSW requests under baseUrl to the fake tenant", () => {
  test("a participant the app adds with its own fetch is listed by the client, and the other way round", async () => {
    // Made after listen(): the client takes globalThis.fetch, which MSW has patched, when it is created.
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken });

    const added = await appFetch("/api/chat/chatroom_participant", {
      method: "POST",
      body: JSON.stringify({ data: { chatroom: { id: 42 }, first_name: "Grace" } }),
    });
    expect(added.status).toBe(200);
    const listed = await chat.chatroomParticipants.list({ chatroom: "42" });
    expect(listed.map((p) => p.first_name)).toEqual(["Ada", "Grace"]);

    const viaClient = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Linus" });
    const seenByApp = (await (await appFetch(`/api/chat/chatroom_participant?chatroom=42`)).json()) as Array<{ id: number; first_name: string }>;
    expect(seenByApp.map((p) => p.first_name)).toEqual(["Ada", "Grace", "Linus"]);
    expect(seenByApp.at(-1)?.id).toBe(viaClient.id);

    expect(tenant.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /api/chat/chatroom_participant 200",
      "GET /api/chat/chatroom_participant 200",
      "POST /api/chat/chatroom_participant 200",
      "GET /api/chat/chatroom_participant 200",
    ]);
  });

  test("faults reach the app's fetch and the client as with tenant.fetch", async () => {
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, retry: { maxAttempts: 1 } });
    tenant.fail("get_chatroom_get", { status: 503, retryAfter: 7, times: 2 });

    const answer = await appFetch("/api/chat/chatroom/42");
    expect([answer.status, answer.headers.get("retry-after")]).toEqual([503, "7"]);
    await expect(chat.chatrooms.get(42)).rejects.toBeInstanceOf(ServerError);
    expect((await appFetch("/api/chat/chatroom/42")).status).toBe(200);
  });

  test("a reset fault is a network error: the app's fetch rejects and the client reports a ConnectionError", async () => {
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, retry: { maxAttempts: 1 } });
    tenant.fail("get_chatroom_get", { reset: true, times: 2 });

    await expect(appFetch("/api/chat/chatroom/42")).rejects.toBeInstanceOf(TypeError);
    await expect(chat.chatrooms.get(42)).rejects.toBeInstanceOf(ConnectionError);
  });

  test("a wrong token is refused by the fake, as it would be by tenant.fetch", async () => {
    const answer = await fetch(`${BASE_URL}/api/chat/chatroom/42`, { headers: { "x-session-token": "not-a-session" } });

    expect(answer.status).toBe(401);
    expect(tenant.requests.map((r) => r.status)).toEqual([401]);
  });

  test("a baseUrl with a path: requests under it reach the fake without that path", async () => {
    const chat = createChatClient({ baseUrl: "https://gateway.example.test/iwerp", sessionToken: prefixed.sessionToken });

    expect((await chat.chatrooms.get(42)).name).toBe("Support");
    expect(prefixed.requests.map((r) => r.path)).toEqual(["/api/chat/chatroom/42"]);
    expect(tenant.requests).toHaveLength(0);
  });

  test("requests outside baseUrl are not handled: they reach the real server", async () => {
    const answer = await fetch(`${outsideUrl}/api/chat/chatroom/42`);

    expect(await answer.text()).toBe("outside /api/chat/chatroom/42");
    const other = await fetch(`https://gateway.example.test/elsewhere/api/chat/chatroom/42`).then(
      () => "answered",
      () => "not handled",
    );
    expect(other).toBe("not handled");
    expect([tenant.requests.length, prefixed.requests.length]).toEqual([0, 0]);
  });
});

describe("fakeTenantHandlers checks its arguments", () => {
  test.each([
    ["not a URL", "acme.iw-erp.de"],
    ["another scheme", "ftp://acme.iw-erp.de"],
    ["a query", "https://acme.iw-erp.de/?x=1"],
    ["pattern syntax in the path", "https://acme.iw-erp.de/:tenant"],
    ["an IPv6 address, whose colons MSW reads as pattern syntax", "http://[::1]:4010"],
  ])("a baseUrl with %s is a TypeError that names baseUrl", (_, baseUrl) => {
    expect(() => fakeTenantHandlers(tenant, { baseUrl })).toThrow(/fakeTenantHandlers: baseUrl/);
  });

  test("a baseUrl whose path has a malformed percent-encoding is taken as it is: its requests reach the fake", async () => {
    const odd = createFakeTenant();
    const handlers = fakeTenantHandlers(odd, { baseUrl: "https://gateway.example.test/%E0%A4%A" });

    const response = await getResponse(handlers, new Request("https://gateway.example.test/%E0%A4%A/api/chat/chatroom/42", { headers: { "x-session-token": odd.sessionToken } }));

    expect(response?.status).toBe(200);
    expect(odd.requests.map((r) => r.path)).toEqual(["/api/chat/chatroom/42"]);
  });

  test("something without a fetch is a TypeError, not a handler that fails later", () => {
    expect(() => fakeTenantHandlers({} as never, { baseUrl: BASE_URL })).toThrow(TypeError);
  });
});
