import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createChatClient } from "../../src/index.js";
import { FAULT_HEADER, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { TOKEN } from "../support/secrets.js";

let server: StandIn;
let elsewhere: StandIn;

beforeAll(async () => {
  [server, elsewhere] = await Promise.all([startStandIn(), startStandIn()]);
});
afterAll(() => Promise.all([server.close(), elsewhere.close()]));

describe("chat.raw, the openapi-fetch client", () => {
  test("sends the token and the iw-build-id / iw-package-id parameters on every call", async () => {
    const chat = createChatClient({ baseUrl: server.url, sessionToken: TOKEN, buildId: "b-1", packageId: "p-1", headers: { [FAULT_HEADER]: "ok" } });

    const { data, response } = await chat.raw.POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-1" } } });

    expect(response.status).toBe(200);
    expect(data).toMatchObject({ first_name: "raw-1" });
    const seen = server.received.at(-1);
    expect(seen?.token).toBe(TOKEN);
    const url = new URL(seen?.url ?? "", server.url);
    expect(url.searchParams.get("iw-build-id")).toBe("b-1");
    expect(url.searchParams.get("iw-package-id")).toBe("p-1");
  });

  test("follows no redirect, so the token never reaches another host", async () => {
    const chat = createChatClient({
      baseUrl: server.url,
      sessionToken: TOKEN,
      headers: { [FAULT_HEADER]: "redirect-307", "x-redirect-to": `${elsewhere.url}/steal` },
    });

    const { response } = await chat.raw.POST("/api/chat/chatroom_participant", { body: { data: { first_name: "raw-2" } } });

    expect(response.status).toBe(307);
    expect(elsewhere.received).toEqual([]);
  });
});
