import { describe, expect, test } from "vitest";
import { delete_chatroom_participant_delete, get_chatroom_participant_cget, post_chatroom_participant_post } from "../../generated/operations.js";
import { ChatroomParticipants, createChatClient, createConnection, InvalidInputError, ResponseValidationError } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

const BASE = "https://acme.iw-erp.de";

describe("an app that builds only the resources it uses", () => {
  test("a resource over createConnection sends its operations with the token, checks the answers and pages like the client's", async () => {
    const scripted = createScriptedFetch((request) =>
      request.method === "POST" ? jsonResponse(200, { id: 7, first_name: "Ada" }) : jsonResponse(200, [{ id: 1 }, { id: 2 }]),
    );
    const participants = new ChatroomParticipants(createConnection({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch }));

    const added = await participants.add({ chatroom: { id: 42 }, first_name: "Ada" });
    const ids = [];
    for await (const participant of participants.listAll({ chatroom: "42", pageSize: 5 })) ids.push(participant.id);

    expect(added).toEqual({ id: 7, first_name: "Ada" });
    expect(ids).toEqual([1, 2]);
    expect(scripted.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `${post_chatroom_participant_post.method} ${post_chatroom_participant_post.path}`,
      `${get_chatroom_participant_cget.method} ${get_chatroom_participant_cget.path}`,
    ]);
    expect(scripted.requests.every((r) => r.headers.get("x-session-token") === TOKEN)).toBe(true);
  });

  test("the answer is checked by the operation's generated check: a wrong type is a ResponseValidationError naming its path", async () => {
    const scripted = createScriptedFetch(() => jsonResponse(200, { id: "seven", chatroom: { id: 42 } }));
    const participants = new ChatroomParticipants(createConnection({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch, validateResponses: "throw" }));

    const error = await participants.delete(7).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues).toEqual([{ path: "/id", message: "must be integer" }]);
    expect(new URL(scripted.requests[0]!.url).pathname).toBe(delete_chatroom_participant_delete.path.replace("{identifier}", "7"));
  });

  test.each([
    ["no options", undefined, /Invalid options: pass an object/],
    ["no token", { host: "acme.iw-erp.de" }, /sessionToken/],
    ["a host with a path", { host: "acme.iw-erp.de/api", sessionToken: TOKEN }, /Invalid host: must be a host name alone/],
  ])("createConnection with %s throws an InvalidInputError, as createChatClient does", (_case, options, message) => {
    expect(() => createConnection(options as never)).toThrow(InvalidInputError);
    expect(() => createConnection(options as never)).toThrow(message);
    expect(() => createChatClient(options as never)).toThrow(message);
  });
});

describe("chat.request by operationId", () => {
  test.each(["toString", "__proto__", "constructor", "hasOwnProperty", "get_everything"])(
    "%s is no operation: the call rejects with an InvalidInputError and sends nothing",
    async (id) => {
      const scripted = createScriptedFetch(() => jsonResponse(200, {}));
      const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: scripted.fetch });

      const error = await chat.request(id as never, {} as never).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain(`${JSON.stringify(id)} is not an operationId of the spec.`);
      expect(scripted.requests).toHaveLength(0);
    },
  );
});
