import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createChatClient } from "../../src/index.js";
import { createFaultServer, FAULT_HEADER, type FaultServer } from "../helpers/create-fault-server.js";
import { TOKEN } from "../helpers/secrets.js";

let server: FaultServer;
let elsewhere: FaultServer;

beforeAll(async () => {
  [server, elsewhere] = await Promise.all([createFaultServer(), createFaultServer()]);
});
afterAll(() => Promise.all([server.close(), elsewhere.close()]));

describe("chat.raw, the openapi-fetch client", () => {
  test("sends the token and the iw-build-id / iw-package-id parameters on every call", async () => {
    const chat = createChatClient({ baseUrl: server.baseUrl, sessionToken: TOKEN, buildId: "b-1", packageId: "p-1", headers: { [FAULT_HEADER]: "ok" } });

    const { data, response } = await chat.raw.POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-1" } } });

    expect(response.status).toBe(200);
    expect(data).toMatchObject({ first_name: "raw-1" });
    const seen = server.requests.at(-1);
    expect(seen?.headers["x-session-token"]).toBe(TOKEN);
    const url = new URL(seen?.url ?? "", server.baseUrl);
    expect(url.searchParams.get("iw-build-id")).toBe("b-1");
    expect(url.searchParams.get("iw-package-id")).toBe("p-1");
  });

  test("is one client, built on first use: a middleware added with chat.raw.use() sees the later calls", async () => {
    const chat = createChatClient({ baseUrl: server.baseUrl, sessionToken: TOKEN, headers: { [FAULT_HEADER]: "ok" } });
    const seen: string[] = [];
    chat.raw.use({ onRequest: ({ request }) => void seen.push(request.method) });

    const { response } = await chat.raw.POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-3" } } });

    expect(response.status).toBe(200);
    expect(chat.raw).toBe(chat.raw);
    expect(seen).toEqual(["POST"]);
  });

  test("follows no redirect, so the token never reaches another host", async () => {
    const chat = createChatClient({
      baseUrl: server.baseUrl,
      sessionToken: TOKEN,
      headers: { [FAULT_HEADER]: "redirect-307", "x-redirect-to": `${elsewhere.baseUrl}/steal` },
    });

    const { response } = await chat.raw.POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-2" } } });

    expect(response.status).toBe(307);
    expect(elsewhere.requests).toEqual([]);
  });
});
