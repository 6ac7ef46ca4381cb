import { describe, expect, test } from "vitest";
import { createChatClient, InvalidInputError } from "../../src/index.js";
import { createFakeTenant, FAKE_CUSTOMER_SESSION_TOKEN, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";

/*
 * Issue 19, the one rule for ids: an id is a whole number or a string of digits wherever it is given. In a JSON
 * body the client sends it as the integer the API documents; a string that is no whole number is an
 * InvalidInputError naming the field, and nothing is sent. The fake tenant records each body as it arrived.
 */

const BASE_URL = "https://acme.iw-erp.de";

function clientOf(tenant = createFakeTenant(), sessionToken = FAKE_SESSION_TOKEN) {
  return { tenant, chat: createChatClient({ baseUrl: BASE_URL, sessionToken, fetch: tenant.fetch, logger: false, retry: false }) };
}

/** A client of a fake tenant that keeps each request's body as the text it sent. */
function recordingClient() {
  const bodies: string[] = [];
  const tenant = createFakeTenant();
  const fetch: typeof globalThis.fetch = async (input, init) => {
    bodies.push(String(init?.body));
    return tenant.fetch(input, init);
  };
  return { bodies, chat: createChatClient({ baseUrl: BASE_URL, sessionToken: FAKE_SESSION_TOKEN, logger: false, fetch }) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("an id given as a string of digits reaches the server as a JSON integer", () => {
  test("a participant added with chatroom: { id: \"42\" } is sent with the room's id 42, and the caller's object stays as it was", async () => {
    const { tenant, chat } = clientOf();
    const participant = { chatroom: { id: "42" }, first_name: "Grace" };

    const added = await chat.chatroomParticipants.add(participant);

    expect(tenant.requests.map((r) => r.body)).toEqual([{ data: { chatroom: { id: 42 }, first_name: "Grace" } }]);
    expect(added.chatroom?.id).toBe(42);
    expect(participant).toEqual({ chatroom: { id: "42" }, first_name: "Grace" });
  });

  test("a participant updated with its own id and the room's as strings sends both as integers", async () => {
    const { tenant, chat } = clientOf();

    await chat.chatroomParticipants.update("42", { id: "42", chatroom: { id: "42" }, is_muted: true });

    expect(tenant.requests[0]?.body).toEqual({ data: { id: 42, chatroom: { id: 42 }, is_muted: true } });
  });

  test("a chat room's own id in its update body is sent as an integer; a number stays the number", async () => {
    const { tenant, chat } = clientOf();

    await chat.chatrooms.update(42, { id: "42", name: "Help desk" });
    await chat.chatrooms.update(42, { id: 42, name: "Support" });

    expect(tenant.requests.map((r) => r.body)).toEqual([{ data: { id: 42, name: "Help desk" } }, { data: { id: 42, name: "Support" } }]);
  });

  test("the ids of a list in a body (a customer's message's reactions) are each sent as an integer", async () => {
    const { tenant, chat } = clientOf(createFakeTenant(), FAKE_CUSTOMER_SESSION_TOKEN);

    await chat.customerPortal.chatroomMessages.update(42, { id: "42", reactions: [{ id: "42", emoji: "👍" }] });

    expect(tenant.requests[0]?.body).toEqual({ data: { id: 42, reactions: [{ id: 42, emoji: "👍" }] } });
  });

  test("the ids of a chat room's participants in its update body are each sent as an integer", async () => {
    const { tenant, chat } = clientOf();

    await chat.chatrooms.update(42, { participants: [{ id: "42", is_muted: true }, { id: 42 }] });

    expect(tenant.requests[0]?.body).toEqual({ data: { participants: [{ id: 42, is_muted: true }, { id: 42 }] } });
  });

  test("the ids of a customer's message's attachments are each sent as an integer", async () => {
    const { tenant, chat } = clientOf(createFakeTenant(), FAKE_CUSTOMER_SESSION_TOKEN);

    await chat.customerPortal.chatroomMessages.update(42, { attachments: [{ id: "7", filename: "a.pdf" }] });

    expect(tenant.requests[0]?.body).toEqual({ data: { attachments: [{ id: 7, filename: "a.pdf" }] } });
  });

  test("chat.request converts a body's ids as the facade does", async () => {
    const { tenant, chat } = clientOf();

    await chat.request("post_chatroom_participant_post", { body: { chatroom: { id: "42" }, first_name: "Ada" } });

    expect(tenant.requests[0]?.body).toEqual({ data: { chatroom: { id: 42 }, first_name: "Ada" } });
  });

  test("a body field named __proto__ (as JSON.parse makes one) is sent as a plain field beside the converted id", async () => {
    const { bodies, chat } = recordingClient();

    await chat.chatroomParticipants.add(JSON.parse('{"chatroom":{"id":"42"},"__proto__":{"first_name":"Eve"}}') as never);

    expect(bodies).toEqual(['{"data":{"chatroom":{"id":42},"__proto__":{"first_name":"Eve"}}}']);
  });

  test("a text body sends the digit string's integer, not the string", async () => {
    const { bodies, chat } = recordingClient();

    await chat.chatroomParticipants.add({ chatroom: { id: "0042" } });

    expect(bodies).toEqual(['{"data":{"chatroom":{"id":42}}}']);
  });
});

describe("an id in a body that is no whole number is refused before anything is sent", () => {
  test.each([["abc"], ["4.2"], [""], [" 42"], ["42 "], ["-1"], ["1e3"], ["99999999999999999999"]])(
    "chatroom: { id: %j } is an InvalidInputError naming participant.chatroom.id",
    async (id) => {
      const { tenant, chat } = clientOf();

      const error = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id }, first_name: "Grace" }));

      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ input: "participant.chatroom.id", method: "POST", url: `${BASE_URL}/api/chat/chatroom_participant` });
      expect((error as InvalidInputError).problem).toMatch(/^must be a whole number or a string of digits, such as an entity's `id` \(got a (blank )?string\)\.$/);
      expect(tenant.requests).toEqual([]);
    },
  );

  test.each([[4.2], [true], [null], [{ id: 42 }]])("a body's own id %j is an InvalidInputError naming chatroom.id", async (id) => {
    const { tenant, chat } = clientOf();

    const error = await rejectionOf(chat.chatrooms.update(42, { id } as never));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "chatroom.id" });
    expect(tenant.requests).toEqual([]);
  });

  test("a bad id in a list names the item's position", async () => {
    const { tenant, chat } = clientOf(createFakeTenant(), FAKE_CUSTOMER_SESSION_TOKEN);

    const error = await rejectionOf(chat.customerPortal.chatroomMessages.update(42, { reactions: [{ id: 42 }, { id: "x" }] }));

    expect(error).toMatchObject({ input: "message.reactions[1].id" });
    expect(tenant.requests).toEqual([]);
  });
});
