import { describe, expect, test } from "vitest";
import { HttpError } from "../../src/index.js";
import { createFakeTenant, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { BASE_URL, createFakeClient, ERROR_STYLES, expectErrorAnswer, httpStatus, rejectionOf } from "../support/create-fake-client.js";
import { ERROR_CASES } from "../support/error-cases.js";

/*
 * iwERP answers most errors as HTTP 400 with the real code in X-IW-ERROR-CODE ("soft" errors). The fake does
 * so with `softErrors: true` (and per fault with `soft`), and every error case runs here in both styles. How
 * the client classifies a soft error is the client's: with real statuses its class is checked here, with soft
 * errors in soft-errors-client.after-merge.ts (it needs the client's soft-error classification).
 */

describe.each(ERROR_STYLES)("every error the fake gives, $style", (style) => {
  test.each(ERROR_CASES)("$name: X-IW-ERROR-CODE $code with the messages, the status of the style, logged with both", async (errorCase) => {
    const clients = createFakeClient({ ...errorCase.options, softErrors: style.softErrors });
    errorCase.arrange?.(clients.tenant);

    const error = await rejectionOf(errorCase.call(clients));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: httpStatus(style, errorCase.code), code: String(errorCase.code), messages: errorCase.messages });
    expect(clients.tenant.requests.map((r) => [r.status, r.errorCode])).toEqual([[httpStatus(style, errorCase.code), errorCase.code]]);
  });

  test("an error keeps its other headers: Retry-After on a 503, Allow on a 405", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });
    tenant.fail("get_chatroom_get", { status: 503, retryAfter: 7 });
    const headers = { "x-session-token": FAKE_SESSION_TOKEN };

    const unavailable = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/42`, { headers });
    const wrongMethod = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/42`, { method: "DELETE", headers });

    expectErrorAnswer(unavailable, style, 503, ["Fault injected by the fake tenant (503)"]);
    expect(unavailable.headers.get("retry-after")).toBe("7");
    expectErrorAnswer(wrongMethod, style, 405, ["DELETE is not allowed on /api/chat/chatroom/42"]);
    expect(wrongMethod.headers.get("allow")).toBe("GET, PUT");
  });

  test("the body is problem details whose status is the HTTP status and whose title is the real code's", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/7`, { headers: { "x-session-token": FAKE_SESSION_TOKEN } });

    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({ type: "about:blank", title: "Not Found", status: httpStatus(style, 404), detail: "Chatroom 7 not found" });
  });
});

describe("with real statuses the client throws the class of each code", () => {
  test.each(ERROR_CASES.map((errorCase) => ({ ...errorCase, className: errorCase.errorClass.name })))("$name: $className", async (errorCase) => {
    const clients = createFakeClient(errorCase.options);
    errorCase.arrange?.(clients.tenant);

    expect(await rejectionOf(errorCase.call(clients))).toBeInstanceOf(errorCase.errorClass);
  });
});

describe("soft errors per fault", () => {
  test("soft: true answers one fault as a soft error on a tenant with real statuses; the next error is real again", async () => {
    const { chat, tenant } = createFakeClient();
    tenant.fail("get_chatroom_get", { status: 401, message: "JWT expired", soft: true });

    const soft = await rejectionOf(chat.chatrooms.get(42));
    const real = await rejectionOf(chat.chatrooms.get(7));

    expect(soft).toMatchObject({ status: 400, code: "401", messages: ["JWT expired"] });
    expect(real).toMatchObject({ status: 404, code: "404" });
  });

  test("soft: false answers one fault with its status on a tenant with soft errors; the other errors stay soft", async () => {
    const { chat, tenant } = createFakeClient({ softErrors: true });
    tenant.fail("get_chatroom_get", { status: 503, soft: false });

    const real = await rejectionOf(chat.chatrooms.get(42));
    const soft = await rejectionOf(chat.chatrooms.get(7));

    expect(real).toMatchObject({ status: 503, code: "503" });
    expect(soft).toMatchObject({ status: 400, code: "404" });
  });

  test("a 3xx fault is no error: a soft tenant answers it with its status", async () => {
    const tenant = createFakeTenant({ softErrors: true });
    tenant.fail("get_chatroom_get", { status: 302 });

    const response = await tenant.fetch(`${BASE_URL}/api/chat/chatroom/42`, { headers: { "x-session-token": FAKE_SESSION_TOKEN } });

    expect([response.status, response.headers.get("x-iw-error-code")]).toEqual([302, "302"]);
  });

  test.each([
    ["soft with a 3xx status", { status: 302, soft: true }, /soft: true goes with an error status from 400 to 599 \(got 302\)/],
    ["soft without a status", { reset: true, soft: false }, /soft goes with a status/],
    ["soft that is not a boolean", { status: 500, soft: "yes" }, /soft must be true or false/],
  ])("fail() refuses %s with a TypeError", (_name, fault, message) => {
    expect(() => createFakeTenant().fail("get_chatroom_get", fault as never)).toThrow(message);
  });

  test("createFakeTenant refuses a softErrors that is not a boolean", () => {
    expect(() => createFakeTenant({ softErrors: "yes" as never })).toThrow(new TypeError("createFakeTenant: softErrors must be true or false (got yes)."));
  });
});
