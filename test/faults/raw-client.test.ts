import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createChatClient, createConnection, InvalidInputError } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { FAULT_HEADER, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { API_KEY, TOKEN } from "../support/secrets.js";

let server: StandIn;
let elsewhere: StandIn;

beforeAll(async () => {
  [server, elsewhere] = await Promise.all([startStandIn(), startStandIn()]);
});
afterAll(() => Promise.all([server.close(), elsewhere.close()]));

describe("createRawClient, openapi-fetch's own client (iwerp-chat-client/raw)", () => {
  test("over a chat client, sends its token and the iw-build-id / iw-package-id parameters on every call", async () => {
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN, buildId: "b-1", packageId: "p-1", headers: { [FAULT_HEADER]: "ok" } });

    const { data, response } = await createRawClient(chat).POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-1" } } });

    expect(response.status).toBe(200);
    expect(data).toMatchObject({ first_name: "raw-1" });
    const seen = server.received.at(-1);
    expect(seen?.token).toBe(TOKEN);
    const url = new URL(seen?.url ?? "", server.url);
    expect(url.searchParams.get("iw-build-id")).toBe("b-1");
    expect(url.searchParams.get("iw-package-id")).toBe("p-1");
  });

  test("over a connection with an API key, sends it as x-iw-jwt-token with the connection's headers and ids", async () => {
    const seen: { key?: boolean; session?: string | string[] | undefined; app?: string | string[] | undefined; url?: string } = {};
    const tenant = await startStandIn({
      handler: (_request, response) => {
        // Compared as a boolean, so that a failure never prints the key.
        const { headers, url } = response.req;
        Object.assign(seen, { key: headers["x-iw-jwt-token"] === API_KEY, session: headers["x-session-token"], app: headers["x-app"], url });
        response.writeHead(200, { "content-type": "application/json" }).end('{"id":42}');
      },
    });
    try {
      const connection = createConnection({ baseUrl: tenant.url, apiKey: API_KEY, buildId: "b-2", headers: { "x-app": "demo" } });

      const { response } = await createRawClient(connection).GET("/api/chat/chatroom/{identifier}", { params: { path: { identifier: "42" } } });

      expect(response.status).toBe(200);
      expect(seen.key, "x-iw-jwt-token carries the key").toBe(true);
      expect(seen.session).toBeUndefined();
      expect(seen.app).toBe("demo");
      expect(new URL(seen.url ?? "", tenant.url).searchParams.get("iw-build-id")).toBe("b-2");
    } finally {
      await tenant.close();
    }
  });

  test("builds a new client on each call: a middleware added with use() sees that client's later calls, not another's", async () => {
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN, headers: { [FAULT_HEADER]: "ok" } });
    const raw = createRawClient(chat);
    const seen: string[] = [];
    raw.use({ onRequest: ({ request }) => void seen.push(request.method) });

    const { response } = await raw.POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-3" } } });
    await createRawClient(chat).GET("/api/chat/chatroom/{identifier}", { params: { path: { identifier: "42" } } });

    expect(response.status).toBe(200);
    expect(createRawClient(chat)).not.toBe(raw);
    expect(seen).toEqual(["POST"]);
  });

  test("follows no redirect, so the token never reaches another host", async () => {
    const chat = createChatClient({
      baseUrl: server.url,
      sessionToken: TOKEN,
      headers: { [FAULT_HEADER]: "redirect-307", "x-redirect-to": `${elsewhere.url}/steal` },
    });

    const { response } = await createRawClient(chat).POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-2" } } });

    expect(response.status).toBe(307);
    expect(elsewhere.received).toEqual([]);
  });

  test.each([
    ["undefined", undefined, "got undefined"],
    ["null", null, "got null"],
    ["a string", "https://acme.iw-erp.de", "got string"],
    ["a plain object", { baseUrl: "https://acme.iw-erp.de" }, "got another object"],
  ])("given %s instead of a client or connection, throws an InvalidInputError that says what to pass", (_name, value, got) => {
    const call = () => createRawClient(value as never);

    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(`Invalid client: pass a client of createChatClient() or login(), or a connection of createConnection() (${got}).`);
  });

  test("a resource of a client is no client: an InvalidInputError, not a client without a credential", () => {
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN });

    expect(() => createRawClient(chat.chatrooms as never)).toThrow(InvalidInputError);
  });

  test("returns an answer whose status text goes beyond Latin-1 (`→`), with that text as a browser reads it, instead of throwing", async () => {
    const said = "Fehler → später";
    // The status line as UTF-8 bytes; Node.js's fetch reads it as UTF-8, a browser's byte by byte as Latin-1.
    const asBytes = Buffer.from(said, "utf8").toString("latin1");
    const tenant = await startStandIn({
      handler: (_request, response) => {
        response.statusMessage = asBytes;
        response.writeHead(500, { "content-type": "application/json" }).end('{"title":"Internal"}');
      },
    });
    try {
      const chat = createChatClient({ baseUrl: tenant.url, sessionToken: TOKEN });

      const { error, response } = await createRawClient(chat).GET("/api/chat/chatroom/{identifier}", { params: { path: { identifier: "42" } } });

      expect(response.status).toBe(500);
      expect(response.statusText).toBe(asBytes);
      expect(error).toEqual({ title: "Internal" });
    } finally {
      await tenant.close();
    }
  });
});

describe("chat.raw, moved to iwerp-chat-client/raw", () => {
  test("is gone from the ChatClient type, and read from JavaScript throws an InvalidInputError naming the new import", () => {
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN });

    // @ts-expect-error: chat.raw is no longer part of ChatClient; use createRawClient(chat).
    const read = () => chat.raw;

    expect(read).toThrow(InvalidInputError);
    expect(read).toThrow('Invalid chat.raw: it moved to its own entry: import { createRawClient } from "iwerp-chat-client/raw"');
  });

  test("is not enumerable, so spreading, serialising or printing a client never trips over it", () => {
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN });

    expect(Object.keys(chat)).not.toContain("raw");
    expect(() => ({ ...chat })).not.toThrow();
    expect(() => JSON.stringify(chat)).not.toThrow();
  });
});
