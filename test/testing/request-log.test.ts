import { describe, expect, test } from "vitest";
import { createFakeTenant, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { BASE_URL, createFakeClient, ERROR_STYLES, expectErrorAnswer, httpStatus } from "../support/create-fake-client.js";

describe("fake tenant: the request log", () => {
  test("lists each request with method, path, operation, parameters, parsed body, credentials, status and error code", async () => {
    const { chat, tenant } = createFakeClient({}, { buildId: "1.4.2" });
    await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" });
    await chat.chatroomParticipants.list({ chatroom: "42", pageSize: 10 });
    await chat.chatroomParticipants.delete(404).catch(() => {});

    expect(tenant.requests).toEqual([
      {
        method: "POST",
        path: "/api/chat/chatroom_participant",
        operationId: "post_chatroom_participant_post",
        pathParams: {},
        query: { "iw-build-id": "1.4.2" },
        body: { data: { chatroom: { id: 42 }, first_name: "Grace" } },
        sessionToken: FAKE_SESSION_TOKEN,
        apiKey: null,
        status: 200,
        errorCode: null,
      },
      {
        method: "GET",
        path: "/api/chat/chatroom_participant",
        operationId: "get_chatroom_participant_cget",
        pathParams: {},
        query: { "iw-build-id": "1.4.2", chatroom: "42", pageSize: "10" },
        body: undefined,
        sessionToken: FAKE_SESSION_TOKEN,
        apiKey: null,
        status: 200,
        errorCode: null,
      },
      {
        method: "DELETE",
        path: "/api/chat/chatroom_participant/404",
        operationId: "delete_chatroom_participant_delete",
        pathParams: { identifier: "404" },
        query: { "iw-build-id": "1.4.2" },
        body: undefined,
        sessionToken: FAKE_SESSION_TOKEN,
        apiKey: null,
        status: 404,
        errorCode: 404,
      },
    ]);
  });

  test("fields the spec marks secret are redacted in logged bodies", async () => {
    const { chat, tenant } = createFakeClient();

    const added = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, ai_auto_close_secret_word: "open sesame" });

    expect(tenant.requests[0]?.body).toEqual({ data: { chatroom: { id: 42 }, ai_auto_close_secret_word: "[redacted]" } });
    // The record itself keeps it: the app may read it back.
    expect(added.ai_auto_close_secret_word).toBe("open sesame");
  });

  test("a login body that is no JSON is logged as its text, with the password's value redacted", async () => {
    const tenant = createFakeTenant();

    const response = await tenant.fetch(`${BASE_URL}/api/logins`, { method: "POST", body: '{"login":{"username":"ada","password":"hunter2"' });

    expect(response.status).toBe(400);
    expect(tenant.requests[0]?.body).toBe('{"login":{"username":"ada","password":"[redacted]"');
  });

  test.each(ERROR_STYLES)("a path the spec does not have is answered 404 and logged without an operation; a wrong method 405 with Allow ($style)", async (style) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const unknown = await tenant.fetch(`${BASE_URL}/api/chat/chatroom`);
    const wrongMethod = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/42`, { method: "DELETE" });

    expectErrorAnswer(unknown, style, 404, ["no operation of the spec has the path /api/chat/chatroom"]);
    expectErrorAnswer(wrongMethod, style, 405, ["DELETE is not allowed on /api/chat/chatroom/42"]);
    expect(wrongMethod.headers.get("allow")).toBe("GET, PUT");
    expect(tenant.requests.map((r) => [r.operationId, r.status, r.errorCode])).toEqual([
      [null, httpStatus(style, 404), 404],
      [null, httpStatus(style, 405), 405],
    ]);
  });

  test("the log is a frozen copy: changing it or the state snapshots changes nothing in the fake", async () => {
    const { chat, tenant } = createFakeClient();
    await chat.chatrooms.get(42);

    expect(Object.isFrozen(tenant.requests)).toBe(true);
    expect(() => {
      (tenant.state.chatrooms[0] as { name?: string }).name = "Hacked";
    }).toThrow(TypeError);
    expect((await chat.chatrooms.get(42)).name).toBe("Support");
  });

  test("reset() empties the log", async () => {
    const { chat, tenant } = createFakeClient();
    await chat.chatrooms.get(42);

    tenant.reset();

    expect(tenant.requests).toEqual([]);
  });
});
