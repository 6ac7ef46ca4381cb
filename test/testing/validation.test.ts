import { describe, expect, test } from "vitest";
import { RequestValidationError, type ChatroomParticipant } from "../../src/index.js";
import { createFakeTenant, DEFAULT_SEED, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { queryIssues } from "../../src/testing/query-rules.js";
import { BASE_URL, createFakeClient, ERROR_STYLES, expectErrorAnswer, rejectionOf } from "../support/create-fake-client.js";

/** A raw request to the fake with the default token, for bodies the client would not send. */
function send(tenant: ReturnType<typeof createFakeTenant>, method: string, path: string, body: string): Promise<Response> {
  return tenant.fetch(`${BASE_URL}${path}`, { method, body, headers: { "x-session-token": FAKE_SESSION_TOKEN, "content-type": "application/json" } });
}

describe("fake tenant: invalid requests", () => {
  test("a body whose fields break the spec is a RequestValidationError (422) that names each field", async () => {
    const { chat, tenant } = createFakeClient();
    // Not the ids: the client sends a string of digits there as the integer and refuses any other string itself.
    const invalid = { first_name: 7, chatroom: { id: "42" }, room_admin: "yes", created: "yesterday" } as unknown as ChatroomParticipant;

    const error = await rejectionOf(chat.chatroomParticipants.add(invalid));

    expect(error).toBeInstanceOf(RequestValidationError);
    const rejected = error as RequestValidationError;
    expect(rejected.status).toBe(422);
    expect(rejected.messages).toEqual(["data.first_name: must be string", "data.room_admin: must be boolean", 'data.created: must match format "date-time"']);
    expect(rejected.body).toMatchObject({ status: 422, validation: expect.arrayContaining([{ location: ["body", "data", "first_name"], message: "must be string" }]) });
    expect(tenant.state.participants).toHaveLength(1);
  });

  test("a body with its ids as strings, as another client may send it, is a 422 that names each id", async () => {
    const tenant = createFakeTenant();

    const response = await send(tenant, "POST", "/api/chat/chatroom_participant", JSON.stringify({ data: { id: "forty-two", chatroom: { id: "42" } } }));

    expect(response.status).toBe(422);
    expect(JSON.parse(response.headers.get("x-iw-error-json") ?? "null")).toEqual(["data.id: must be integer", "data.chatroom.id: must be integer"]);
    expect(tenant.state.participants).toHaveLength(1);
  });

  test("adding a participant to a room that does not exist, or to none, is a 422 naming data.chatroom.id", async () => {
    const { chat } = createFakeClient();

    const unknown = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id: 7 }, first_name: "Eve" }));
    const none = await rejectionOf(chat.chatroomParticipants.add({ first_name: "Eve" }));

    expect(unknown).toBeInstanceOf(RequestValidationError);
    expect(unknown).toMatchObject({ status: 422, messages: ["data.chatroom.id: names no Chatroom: there is none with id 7"] });
    expect(none).toMatchObject({ status: 422, messages: ["data.chatroom.id: is required: the id of the Chatroom it belongs to"] });
  });

  test("with checkReferences: false a participant of an unknown room is stored as sent", async () => {
    const { chat } = createFakeClient({ checkReferences: false });

    const stored = await chat.chatroomParticipants.add({ chatroom: { id: 7, name: "Elsewhere" }, first_name: "Eve" });
    const orphan = await chat.chatroomParticipants.add({ first_name: "Mallory" });

    expect(stored.chatroom).toEqual({ id: 7, name: "Elsewhere" });
    expect(orphan).not.toHaveProperty("chatroom");
    expect((await chat.chatroomParticipants.list({ chatroom: "7" })).map((p) => p.first_name)).toEqual(["Eve"]);
  });

  test("a body without the data envelope carries no entity (the spec does not require it): an update changes nothing but `updated`", async () => {
    const tenant = createFakeTenant();

    const response = await send(tenant, "PUT", "/api/chat/chatroom_participant/42", JSON.stringify({ first_name: "Eve" }));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 42, first_name: "Ada", updated: "2025-05-04T10:00:00Z" });
  });
});

describe.each(ERROR_STYLES)("fake tenant: invalid request bodies, $style", (style) => {
  test.each([
    ["a body that is no JSON", "{ data: ", 400, "body: is not valid JSON"],
    ["data that is not an object", JSON.stringify({ data: "Ada" }), 422, "data: must be object"],
    ["a body that is a list", "[]", 422, "body: must be an object with the entity in `data`"],
    ["an empty body", "", 422, "body: is required: an object with the entity in `data`"],
  ])("%s is refused with its code and a message saying why", async (_name, body, code, message) => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await send(tenant, "POST", "/api/chat/chatroom_participant", body);

    expectErrorAnswer(response, style, code, [message]);
  });

  test("a login field that is not a string is a 422", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await send(tenant, "POST", "/api/logins", JSON.stringify({ login: { username: 7, password: "x" } }));

    expectErrorAnswer(response, style, 422, ["login.username: must be string"]);
  });

  test("a message quoting characters outside Latin-1 still travels in the X-IW-ERROR-JSON header", async () => {
    const tenant = createFakeTenant({ softErrors: style.softErrors });

    const response = await send(tenant, "DELETE", `/api/chat/chatroom_participant/${encodeURIComponent("✓")}`, "");

    expectErrorAnswer(response, style, 404, ["ChatroomParticipant ✓ not found"]);
  });
});

describe("createFakeTenant: seeds and options", () => {
  test("a seed record that breaks the spec throws a TypeError naming it, before any request", () => {
    expect(() => createFakeTenant({ seed: { chatrooms: [{ id: 1, name: 5 as never }] } })).toThrow(
      new TypeError("createFakeTenant: seed is not valid: chatrooms.id 1.name: must be string."),
    );
  });

  test("a seed record pointing at a record that does not exist throws, unless references are not checked", () => {
    const seed = { participants: [{ id: 1, chatroom: { id: 9 } }] };

    expect(() => createFakeTenant({ seed })).toThrow(/participants\.id 1\.chatroom\.id: names no Chatroom: there is none with id 9/);
    expect(createFakeTenant({ seed, checkReferences: false }).state.participants).toEqual([
      { id: 1, chatroom: { id: 9 }, created: "2025-05-04T10:00:00Z", updated: "2025-05-04T10:00:00Z", deleted: false },
    ]);
  });

  test("two seed records with one id throw", () => {
    expect(() => createFakeTenant({ seed: { chatrooms: [{ id: 1 }, { id: 1 }] } })).toThrow(/chatrooms\.1\.id: is taken/);
  });

  test("an invalid insert throws and stores nothing", () => {
    const tenant = createFakeTenant();

    expect(() => tenant.insert({ messages: [{ chatroom: { id: 42 } }, { chatroom: { id: 404 } }] })).toThrow(/tenant\.insert is not valid: messages\.id 44\.chatroom\.id: names no Chatroom/);
    expect(tenant.state.messages.map((m) => m.id)).toEqual([42]);
  });

  test("an invalid insert uses up no id and no clock reading: the next record gets the id and time it would have got without it", async () => {
    const { chat, tenant } = createFakeClient();

    expect(() => tenant.insert({ participants: [{ chatroom: { id: 404 }, first_name: "Ghost" }] })).toThrow(/names no Chatroom/);
    const grace = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" });

    expect(grace).toMatchObject({ id: 43, created: "2025-05-04T10:00:00Z" });
  });

  test("an insert whose clock reading fails stores nothing, not even its records that needed no reading", () => {
    const tenant = createFakeTenant({ clock: () => "not a date" });
    const stamped = { created: "2025-05-04T09:42:00Z", updated: "2025-05-04T09:42:00Z" };

    expect(() => tenant.insert({ chatrooms: [{ id: 7, ...stamped }], participants: [{ chatroom: { id: 7 } }] })).toThrow(/clock returned "not a date"/);
    expect(tenant.state.chatrooms.map((c) => c.id)).toEqual([42]);
    expect(tenant.state.participants.map((p) => p.id)).toEqual([42]);
  });

  test.each([
    [{ firstId: 0 }, /firstId must be a whole number from 1/],
    [{ users: [{ username: "ada" }] }, /users must be a list of \{ username, password \}/],
    [{ sessions: [""] }, /sessions must be a list of non-empty session tokens/],
    [{ clock: "now" }, /clock must be a function/],
  ])("bad options throw a TypeError: %o", (options, message) => {
    expect(() => createFakeTenant(options as never)).toThrow(message);
  });

  test("DEFAULT_SEED is frozen, so no test can change another's start", () => {
    expect(Object.isFrozen(DEFAULT_SEED.participants[0])).toBe(true);
  });
});

describe("query rules of type number (as the create-JWT operation's validSeconds and maxUserAccessType are in the reference)", () => {
  const rules = { validSeconds: { type: "number", minimum: 0 }, maxUserAccessType: { type: "number", minimum: 0, maximum: 2 } } as const;

  test.each(["86400", "1.5", "0", "1e3"])("validSeconds=%s is a number it accepts", (value) => {
    expect(queryIssues(new URLSearchParams({ validSeconds: value }), rules)).toEqual([]);
  });

  test.each([
    ["validSeconds", "a day", 'must be number (got "a day")'],
    ["validSeconds", "1.", 'must be number (got "1.")'],
    ["validSeconds", "-1", 'must be >= 0 (got "-1")'],
    ["maxUserAccessType", "3", 'must be <= 2 (got "3")'],
  ])("%s=%s is refused: %s", (name, value, message) => {
    expect(queryIssues(new URLSearchParams({ [name]: value }), rules)).toEqual([{ path: ["query", name], message }]);
  });
});
