import { describe, expect, test } from "vitest";
import { ServerError } from "../../src/index.js";
import { createFakeTenant, FAKE_SESSION_TOKEN, type SeedParticipant } from "../../src/testing/index.js";
import { BASE_URL, createFakeClient, ERROR_STYLES, expectErrorAnswer, httpStatus, rejectionOf } from "../support/create-fake-client.js";

/** JSON text of `inner` inside `depth` lists: `[[[…inner…]]]`. */
const nested = (depth: number, inner = "1") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

/** A value nested `depth` lists deep, built without recursion (the same value JSON.parse makes of `nested`). */
function nestedValue(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** How many lists deep `value` goes down its first items, counted without recursion. */
function listDepth(value: unknown): number {
  let depth = 0;
  for (let at = value; Array.isArray(at); at = at[0]) depth++;
  return depth;
}

/** A raw request to the fake with the default token, for bodies the client would not send. */
function send(tenant: ReturnType<typeof createFakeTenant>, method: string, path: string, body: string): Promise<Response> {
  return tenant.fetch(`${BASE_URL}${path}`, { method, body, headers: { "x-session-token": FAKE_SESSION_TOKEN, "content-type": "application/json" } });
}

describe("fake tenant: ids that run out", () => {
  test("firstId: Number.MAX_SAFE_INTEGER gives that id once; the next create is a 507 that says the ids ran out", async () => {
    const { chat, tenant } = createFakeClient({ firstId: Number.MAX_SAFE_INTEGER });

    const last = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
    const error = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" }));

    expect(last.id).toBe(Number.MAX_SAFE_INTEGER);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 507 });
    expect((error as ServerError).messages).toEqual([
      "the fake tenant has no id left for a new ChatroomParticipant: new ids count up from firstId (or one past the highest id) and may not pass Number.MAX_SAFE_INTEGER; use a smaller firstId",
    ]);
    expect(tenant.state.participants.map((p) => p.id)).toEqual([42, Number.MAX_SAFE_INTEGER]);
    expect(tenant.requests.map((r) => r.status)).toEqual([200, 507]);
  });

  test("an insert that needs an id past Number.MAX_SAFE_INTEGER throws a TypeError and stores nothing", () => {
    const tenant = createFakeTenant({ firstId: Number.MAX_SAFE_INTEGER });

    expect(() => tenant.insert({ participants: [{ chatroom: { id: 42 } }, { chatroom: { id: 42 } }] })).toThrow(
      new TypeError(
        "tenant.insert is not valid: participants.1.id: has no free id left (new ids count up from firstId (or one past the highest id) and may not pass Number.MAX_SAFE_INTEGER): give it an id, or use a smaller firstId.",
      ),
    );
    expect(tenant.state.participants.map((p) => p.id)).toEqual([42]);
  });

  test("a seed whose highest id is Number.MAX_SAFE_INTEGER leaves no id for a create: a 507, not a hang", async () => {
    const { chat } = createFakeClient({ seed: { chatrooms: [{ id: 42 }], participants: [{ id: Number.MAX_SAFE_INTEGER, chatroom: { id: 42 } }] } });

    const error = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id: 42 } }));

    expect(error).toMatchObject({ status: 507 });
  });

  test.each([Number.MAX_SAFE_INTEGER + 1, 2 ** 64, Infinity, 1.5, Number.NaN])("firstId %s is refused when the fake is created", (firstId) => {
    expect(() => createFakeTenant({ firstId })).toThrow(new TypeError(`createFakeTenant: firstId must be a whole number from 1 to Number.MAX_SAFE_INTEGER (got ${firstId}).`));
  });
});

describe("fake tenant: large seeds", () => {
  test("after a seed of 150,000 participants a create gets the next id, and a list pages through them", async () => {
    const count = 150_000;
    const participants: SeedParticipant[] = Array.from({ length: count }, (_, i) => ({ id: i + 1, chatroom: { id: 1 } }));
    const { chat } = createFakeClient({ seed: { chatrooms: [{ id: 1 }], participants } });

    const added = await chat.chatroomParticipants.add({ chatroom: { id: 1 }, first_name: "Ada" });
    const lastPage = await chat.chatroomParticipants.list({ chatroom: "1", page: count / 200, pageSize: 200 });

    expect(added.id).toBe(count + 1);
    expect(lastPage.map((p) => p.id)).toEqual([count + 1]);
  }, 60_000);
});

describe.each(ERROR_STYLES)("fake tenant: deeply nested JSON, $style", (style) => {
  test("a write nested 200,000 deep with secret fields is a 422 saying so, and is logged with its secret redacted and its depth cut", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });
    const body = `{"data":{"ai_auto_close_secret_word":"open sesame","name":${nested(200_000)}}}`;

    const response = await send(tenant, "PUT", "/api/chat/chatroom/42", body);

    expectErrorAnswer(response, style, 422, ["body: is nested more than 64 levels deep"]);
    const [logged] = tenant.requests;
    expect(logged).toMatchObject({ operationId: "put_chatroom_put", status: httpStatus(style, 422), errorCode: 422 });
    const data = (logged?.body as { data: { ai_auto_close_secret_word: string; name: unknown } }).data;
    expect(data.ai_auto_close_secret_word).toBe("[redacted]");
    // The log keeps the first 64 levels (the body, data and 62 lists) and marks where it cut.
    expect(listDepth(data.name)).toBe(62);
    expect(JSON.stringify(data.name)).toContain('"[nested too deeply]"');
    expect(tenant.state.chatrooms[0]?.name).toBe("Support");
  });

  test("a body nested just within the limit is checked as usual", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await send(tenant, "PUT", "/api/chat/chatroom/42", `{"data":{"name":${nested(62)}}}`);

    expectErrorAnswer(response, style, 422, ["data.name: must be string"]);
  });

  test("a deeply nested body on a path the spec does not have is answered 404 and logged cut", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await send(tenant, "POST", "/api/chat/nothing", nested(200_000));

    expectErrorAnswer(response, style, 404, ["no operation of the spec has the path /api/chat/nothing"]);
    expect(tenant.requests.map((r) => [r.path, r.errorCode, listDepth(r.body)])).toEqual([["/api/chat/nothing", 404, 64]]);
  });

});

describe("fake tenant: deeply nested seeds", () => {
  test("a seed or insert with a value nested 200,000 deep throws a TypeError naming the record", () => {
    const deep = nestedValue(200_000);
    const seed = { chatrooms: [{ id: 7, name: deep as string }] };

    expect(() => createFakeTenant({ seed })).toThrow(new TypeError("createFakeTenant: seed is not valid: chatrooms.0: is nested more than 64 levels deep."));
    const tenant = createFakeTenant();
    expect(() => tenant.insert({ participants: [{ chatroom: deep as { id: number } }] })).toThrow(
      new TypeError("tenant.insert is not valid: participants.0: is nested more than 64 levels deep."),
    );
    expect(tenant.state.participants.map((p) => p.id)).toEqual([42]);
  });
});
