import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { COLLECTIONS, ROUTES } from "../../generated/model.js";
import { readModel, renderModel } from "../../scripts/lib/model.mjs";

/*
 * The fake tenant's model, derived from the bundled spec by `npm run generate` (scripts/lib/model.mjs): what it
 * reads from the schemas and the x-iwerp-* extensions, and how a wrong or ambiguous extension fails the
 * generation with a message that says what to fix, rather than a model that guesses.
 */

const BUNDLED = readFileSync(path.resolve(import.meta.dirname, "../../generated/openapi.yaml"), "utf8");

/** A fresh copy of the bundled spec, to change. */
function specCopy(): any {
  return parse(BUNDLED);
}

describe("the model read from the spec", () => {
  test("the generated model is what readModel makes of the bundled spec", () => {
    const model = readModel(specCopy());

    expect(model.collections).toEqual(COLLECTIONS);
    expect(model.routes).toEqual(ROUTES);
  });

  test("collections, references, children, required fields and defaults come from the x-iwerp-* extensions", () => {
    const { collections, order } = readModel(specCopy());

    expect(Object.keys(collections)).toEqual(["chatrooms", "participants", "messages", "reactions"]);
    expect(order).toEqual(["chatrooms", "participants", "messages", "reactions"]);
    expect(collections.participants).toMatchObject({ resource: "chatroom_participant", schema: "ChatroomParticipant", required: ["chatroom"] });
    expect(collections.chatrooms?.children).toEqual({ participants: { collection: "participants", via: "chatroom" } });
    expect(collections.messages?.children).toEqual({ reactions: { collection: "reactions", via: "message" } });
    expect(collections.reactions?.references).toEqual({
      chatroom: { collection: "chatrooms", defaultFrom: "message" },
      message: { collection: "messages" },
      participant: { collection: "participants" },
    });
    // Filters the participant's schema has no field for: a seed may give them.
    expect(collections.participants?.seedFields).toEqual(["person", "company", "eventSignUp"]);
  });

  test("each operation's kind, audience, parents, filters, query rules and documented statuses come from the spec", () => {
    const { routes } = readModel(specCopy());

    expect(routes.post_post_login).toMatchObject({ kind: "login", collection: null, audience: "anyone" });
    expect(routes.get_api_token_create_jwt_action).toMatchObject({ kind: "api-token", audience: "staff" });
    expect(routes.post_customer_chatroom_message_reaction_post).toMatchObject({
      kind: "create",
      collection: "reactions",
      shape: "CustomerChatroomMessageReaction",
      audience: "customer",
      parents: { chatroomMessageIdentifier: { field: "message", collection: "messages" } },
    });
    expect(routes.get_chatroom_message_reaction_cget?.filters).toEqual(["chatroom", "participant", "message", "created"]);
    expect(routes.get_chatroom_participant_cget?.query.pageSize).toEqual({ type: "integer", minimum: 1, maximum: 200 });
    expect(routes.delete_chatroom_participant_delete?.statuses).toEqual([200, 400, 401, 403, 404]);
  });

  test("a schema that stops naming a collection takes its operations out of the fake's collections (served as unsupported, not guessed)", () => {
    const spec = specCopy();
    delete spec.components.schemas.ChatroomMessageReaction["x-iwerp-collection"];
    delete spec.components.schemas.ChatroomMessage.properties.reactions["x-iwerp-children"];
    delete spec.components.schemas.ChatroomMessageReaction["x-iwerp-required"];
    delete spec.components.schemas.ChatroomMessageReaction["x-iwerp-default-from"];

    const { collections, routes } = readModel(spec);

    expect(Object.keys(collections)).toEqual(["chatrooms", "participants", "messages"]);
    expect(routes.get_chatroom_message_reaction_get?.collection).toBeNull();
  });
});

describe("a wrong or ambiguous extension fails the generation, saying what to fix", () => {
  test.each([
    [
      "a reference to a collection no schema declares",
      (spec: any) => (spec.components.schemas.ChatroomRef["x-iwerp-references"] = "rooms"),
      /x-iwerp-references rooms is no collection \(no schema has x-iwerp-collection: rooms\)/,
    ],
    [
      "a collection name that is no plain name",
      (spec: any) => (spec.components.schemas.Chatroom["x-iwerp-collection"] = "__proto__"),
      /"__proto__" is not a collection name; use letters, digits and _/,
    ],
    [
      "one collection on two schemas",
      (spec: any) => (spec.components.schemas.ChatroomMessage["x-iwerp-collection"] = "participants"),
      /x-iwerp-collection participants is on two schemas \(ChatroomParticipant and ChatroomMessage\)/,
    ],
    [
      "a collection on a schema no operation answers with",
      (spec: any) => (spec.components.schemas.ChatroomRef["x-iwerp-collection"] = "refs"),
      /ChatroomRef \(x-iwerp-collection refs\): no get, create, update or delete operation answers with it, so its path is unknown/,
    ],
    [
      "a required field the schema does not have",
      (spec: any) => (spec.components.schemas.ChatroomParticipant["x-iwerp-required"] = ["room"]),
      /ChatroomParticipant x-iwerp-required must list properties of the schema \(got \["room"\]\)/,
    ],
    [
      "a default taken from a reference that names no such record",
      (spec: any) => (spec.components.schemas.ChatroomMessageReaction["x-iwerp-default-from"] = { chatroom: "emoji" }),
      /x-iwerp-default-from: chatroom: "emoji" must name another reference of ChatroomMessageReaction whose record has a chatroom/,
    ],
    [
      "children on a field that is no list",
      (spec: any) => (spec.components.schemas.Chatroom.properties.name["x-iwerp-children"] = "participants"),
      /Chatroom\/properties\/name: x-iwerp-children goes on an array property/,
    ],
    [
      "a filter on an operation that is no list",
      (spec: any) => spec.paths["/api/chat/chatroom/{identifier}"].get.parameters.push({ name: "label", in: "query", schema: { type: "string" }, "x-iwerp-filter": true }),
      /get_chatroom_get: query parameter label has x-iwerp-filter, but only a list filters/,
    ],
    [
      "an audience that is neither staff nor customer",
      (spec: any) => (spec.paths["/api/chat/chatroom/{identifier}"].get["x-iwerp-audience"] = "admin"),
      /get_chatroom_get: x-iwerp-audience "admin" is not staff or customer/,
    ],
    [
      "an unknown kind",
      (spec: any) => (spec.paths["/api/logins"].post["x-iwerp-kind"] = "sign-in"),
      /post_post_login: x-iwerp-kind "sign-in" is not one of list, get, create/,
    ],
  ])("%s", (_name, change, message) => {
    const spec = specCopy();
    change(spec);

    expect(() => readModel(spec)).toThrow(message);
  });
});

describe("the generated module", () => {
  test("writes the spec's strings as data: a summary that ends a comment or an operationId that looks like code runs nothing", async () => {
    const spec = specCopy();
    const operation = spec.paths["/api/chat/chatroom/{identifier}"].get;
    operation.operationId = "get:(globalThis.pwnedByModelId=true),x";
    operation.summary = "Return */ globalThis.pwnedByModelSummary = true; /*\u2028";

    const { js } = renderModel(spec, "// test");
    const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`)) as { ROUTES: Record<string, unknown> };

    expect(Object.keys(globalThis).filter((name) => name.startsWith("pwnedBy"))).toEqual([]);
    expect(Object.keys(module.ROUTES)).toContain("get:(globalThis.pwnedByModelId=true),x");
    expect(js.split("\n").filter((line) => line.length > 160)).toEqual([]);
  });
});
