import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { idPaths } from "../../scripts/lib/operations.mjs";

const ID = { type: "integer", "x-iwerp-id": true };
const spec = {
  components: {
    schemas: {
      Ref: { type: "object", properties: { id: ID, name: { type: "string" } } },
      Tree: { type: "object", properties: { id: ID, children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } } },
    },
  },
};

describe("the generated table lists where a request body holds ids (x-iwerp-id)", () => {
  test("an entity's own id, a reference's id through $ref and the ids of a list's items, each as a dotted path", () => {
    const entity = {
      type: "object",
      properties: {
        id: ID,
        count: { type: "integer" },
        room: { $ref: "#/components/schemas/Ref" },
        items: { type: "array", items: { $ref: "#/components/schemas/Ref" } },
      },
    };

    expect(idPaths(spec, entity, "op")).toEqual(["id", "room.id", "items[].id"]);
  });

  test("a schema that contains itself ends the walk where it repeats", () => {
    expect(idPaths(spec, { $ref: "#/components/schemas/Tree" }, "op")).toEqual(["id"]);
  });

  test("a property whose name has a dot or a bracket on the way to an id fails the generation, naming it", () => {
    const entity = { type: "object", properties: { "room.main": { $ref: "#/components/schemas/Ref" } } };

    expect(() => idPaths(spec, entity, "post_thing")).toThrow(/^post_thing: the property "room\.main" leads to an id \(x-iwerp-id\), but its name has "\." or "\[": rename it$/);
  });

  test("the spec's writes carry their body ids; an operation whose body holds none carries no bodyIds", () => {
    expect(OPERATIONS.post_chatroom_participant_post.bodyIds).toEqual(["id", "chatroom.id"]);
    expect(OPERATIONS.put_chatroom_put.bodyIds).toEqual(["id", "participants[].id"]);
    expect(OPERATIONS.put_customer_chatroom_message_put.bodyIds).toEqual(["id", "attachments[].id", "reactions[].id"]);
    expect(OPERATIONS.post_post_login).not.toHaveProperty("bodyIds");
    expect(OPERATIONS.get_chatroom_get).not.toHaveProperty("bodyIds");
  });
});
