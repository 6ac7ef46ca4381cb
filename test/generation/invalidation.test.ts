import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { INVALIDATES } from "../../generated/model.js";
import { readModel } from "../../scripts/lib/model.mjs";

/*
 * What each write makes stale (`INVALIDATES`, which the TanStack Query entry invalidates after the write), derived
 * by `npm run generate` from the spec's model: the collection a write writes, and each collection one of whose
 * reads, in the form it answers with, shows a record of it (a reference, `x-iwerp-references`; a computed list,
 * `x-iwerp-children`; and so on inside those forms). Changes to a copy of the bundled spec show each rule.
 */

const BUNDLED = readFileSync(path.resolve(import.meta.dirname, "../../generated/openapi.yaml"), "utf8");

/** A fresh copy of the bundled spec, to change. */
function specCopy(): any {
  return parse(BUNDLED);
}

/** A `$ref` to a component schema of the bundled spec. */
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("what each write makes stale, derived from the spec", () => {
  test("the generated INVALIDATES is what readModel makes of the bundled spec: each write of a collection, its own collection first", () => {
    const { invalidates } = readModel(specCopy());

    expect(invalidates).toEqual(INVALIDATES);
    expect(invalidates).toEqual({
      // Messages and reactions show their room; the participant list's items do not.
      put_chatroom_put: ["chatrooms", "messages", "reactions"],
      // A room lists its participants; no message or reaction can name a new participant yet.
      post_chatroom_participant_post: ["participants", "chatrooms"],
      put_chatroom_participant_put: ["participants", "chatrooms", "messages", "reactions"],
      delete_chatroom_participant_delete: ["participants", "chatrooms", "messages", "reactions"],
      // A reaction shows its message; a message lists its reactions.
      delete_chatroom_message_delete: ["messages", "reactions"],
      delete_chatroom_message_reaction_delete: ["reactions", "messages"],
      put_customer_chatroom_message_put: ["messages", "reactions"],
      post_customer_chatroom_message_reaction_post: ["reactions", "messages"],
    });
  });

  test("a create makes stale only the reads that list its records: without a room's participants list, adding a participant changes no room", () => {
    const spec = specCopy();
    delete spec.components.schemas.Chatroom.properties.participants;

    expect(readModel(spec).invalidates.post_chatroom_participant_post).toEqual(["participants"]);
    // An update still shows in the messages and reactions that embed the participant.
    expect(readModel(spec).invalidates.put_chatroom_participant_put).toEqual(["participants", "messages", "reactions"]);
  });

  test("a record shown inside a listed record's form counts: messages that embed no participant still show one through their reactions", () => {
    const spec = specCopy();
    for (const form of ["ChatroomMessage", "ChatroomMessageListItem"]) delete spec.components.schemas[form].properties.participant;
    const throughReactions = readModel(spec).invalidates.put_chatroom_participant_put;
    delete spec.components.schemas.ChatroomMessageReactionInMessage.properties.participant;

    expect(throughReactions).toEqual(["participants", "chatrooms", "messages", "reactions"]);
    expect(readModel(spec).invalidates.put_chatroom_participant_put).toEqual(["participants", "chatrooms", "reactions"]);
  });

  test("forms that hold each other are walked once, and a list inside an embedded record makes a create stale where the record is embedded", () => {
    const spec = specCopy();
    // A room as messages and reactions embed it lists its participants in full form, which embeds the room again.
    spec.components.schemas.ChatroomRef.properties.participants = { type: "array", items: schemaRef("ChatroomParticipant") };

    expect(readModel(spec).invalidates.post_chatroom_participant_post).toEqual(["participants", "chatrooms", "messages", "reactions"]);
  });
});
