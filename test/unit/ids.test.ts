import { describe, expect, test } from "vitest";
import { createChatClient } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";

/** A client of a fake tenant with room 42 and its participant 42, and the requests it received. */
function fakeClient() {
  const tenant = createFakeTenant();
  const chat = createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: tenant.sessionToken, fetch: tenant.fetch });
  return { chat, tenant };
}

describe("an id goes into the URL the same whether given as a number or a string", () => {
  test("a list filter by id: list({ chatroom: 42 }) sends and finds what list({ chatroom: \"42\" }) does", async () => {
    const { chat, tenant } = fakeClient();

    const byNumber = await chat.chatroomParticipants.list({ chatroom: 42 });
    const byString = await chat.chatroomParticipants.list({ chatroom: "42" });

    expect(byNumber.map((p) => p.id)).toEqual([42]);
    expect(byNumber).toEqual(byString);
    expect(tenant.requests.map((r) => r.query)).toEqual([
      { chatroom: "42" },
      { chatroom: "42" },
    ]);
  });

  test("a path id: get(42) and get(\"42\") read the same record", async () => {
    const { chat, tenant } = fakeClient();

    expect(await chat.chatroomMessages.get(42)).toEqual(await chat.chatroomMessages.get("42"));
    expect(tenant.requests.map((r) => r.path)).toEqual(["/api/chat/chatroom_message/42", "/api/chat/chatroom_message/42"]);
  });
});
