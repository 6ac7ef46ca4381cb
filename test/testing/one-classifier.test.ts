import { describe, expect, test } from "vitest";
import { COLLECTIONS, ROUTES } from "../../generated/model.js";
import { OPERATIONS } from "../../generated/operations.js";
import type { OperationId } from "../../src/index.js";
import { audienceOf, routeOf } from "../../src/testing/routes.js";
import { fieldResources, KnownIds, mapOperations } from "../../scripts/contract-check/tenant/api-map.mjs";

/*
 * Issue 17: the fake tenant and the contract check's tenant walk classify operations by one model, the one
 * `npm run generate` derives from the spec (generated/model.js), not each by its own reading of paths.
 */

const IDS = Object.keys(OPERATIONS) as OperationId[];
const api = mapOperations(OPERATIONS, { COLLECTIONS, ROUTES });

describe("one classifier for the fake tenant and the tenant walk", () => {
  test.each(IDS)("%s: the walk's kind, resource and portal flag are the fake's route", (id) => {
    const walk = api.find((op) => op.id === id);
    const route = routeOf(id);

    const kind = route.type === "collection" ? route.kind : route.type === "api-token" ? "api-token" : route.type === "login" ? "login" : "other";
    expect(walk?.kind).toBe(kind);
    expect(walk?.portal).toBe(audienceOf(id) === "customer");
    if (route.type === "collection") expect(walk?.resource).toBe(COLLECTIONS[route.collection].resource);
    expect(walk?.statuses).toEqual(ROUTES[id].statuses);
  });

  test("the fields that name other records, which the walk follows to find ids, are the model's references and children", () => {
    expect(fieldResources(COLLECTIONS)).toEqual({
      participants: "chatroom_participant",
      chatroom: "chatroom",
      participant: "chatroom_participant",
      reactions: "chatroom_message_reaction",
      message: "chatroom_message",
    });
  });

  test("the walk collects the ids of the records a message names, by the model's fields", () => {
    const known = new KnownIds(fieldResources(COLLECTIONS));

    known.harvest("chatroom_message", { id: 5, chatroom: { id: 42 }, participant: { id: 7 }, reactions: [{ id: 9 }], message_text: "hi" }, "test");

    expect(known.of("chatroom").map((entry) => entry.id)).toEqual(["42"]);
    expect(known.of("chatroom_participant").map((entry) => entry.id)).toEqual(["7"]);
    expect(known.of("chatroom_message_reaction").map((entry) => entry.id)).toEqual(["9"]);
  });

  test("a customer-portal create names its parent by the model's reference (the message in its path)", () => {
    expect(api.find((op) => op.id === "post_customer_chatroom_message_reaction_post")?.parents).toEqual([{ param: "chatroomMessageIdentifier", resource: "chatroom_message" }]);
  });
});
