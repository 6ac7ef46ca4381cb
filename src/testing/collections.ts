import type { ShapeName } from "./shapes.js";

/** The resource name of a collection, e.g. `chatroom_participant`. */
export type CollectionName = "chatroom" | "chatroom_participant" | "chatroom_message" | "chatroom_message_reaction";

/** How an operation shows records: in full, as list items, or in the customer portal's slimmer form. */
export type View = "full" | "list" | "portal";

/** A field of a record that points at a record of another collection (stored as `{ id, … }`). */
export interface Reference {
  /** The collection it points into. */
  readonly collection: CollectionName;
  /** Whether a new record must name one (checked unless `checkReferences: false`). */
  readonly required: boolean;
  /** Taken from this other reference's record when a new record names none, e.g. a reaction's room from its message. */
  readonly inheritFrom?: string;
}

/** What the fake knows about one collection: everything that is not in the operation table. */
export interface Collection {
  /** The key of the collection in a seed and in the state, e.g. `participants`. */
  readonly key: "chatrooms" | "participants" | "messages" | "reactions";
  /** The entity's name in messages, e.g. `ChatroomParticipant`. */
  readonly entity: string;
  /** The schema each view renders. */
  readonly views: { readonly full: ShapeName; readonly list?: ShapeName; readonly portal?: ShapeName };
  /** The list filters the reference names (query name = record field), besides `deleted`. */
  readonly filters: readonly string[];
  /** The fields that point at other records. */
  readonly references: { readonly [field: string]: Reference };
  /** Fields computed from other collections: the records there whose `via` field points at this one. */
  readonly children: { readonly [field: string]: { readonly collection: CollectionName; readonly via: string } };
  /** Path parameters (other than `identifier`) that name the record a new one belongs to, and the field that holds it. */
  readonly parents: { readonly [pathParam: string]: string };
}

/**
 * The collections, keyed by the resource name that ends their paths (`/api/chat/chatroom_participant/…`),
 * so that any operation the spec adds on these paths is served without new code.
 */
export const COLLECTIONS: { readonly [Name in CollectionName]: Collection } = {
  chatroom: {
    key: "chatrooms",
    entity: "Chatroom",
    views: { full: "Chatroom" },
    filters: [],
    references: {},
    children: { participants: { collection: "chatroom_participant", via: "chatroom" } },
    parents: {},
  },
  chatroom_participant: {
    key: "participants",
    entity: "ChatroomParticipant",
    views: { full: "ChatroomParticipant", list: "ChatroomParticipantListItem" },
    filters: ["chatroom", "person", "company", "eventSignUp"],
    references: { chatroom: { collection: "chatroom", required: true } },
    children: {},
    parents: {},
  },
  chatroom_message: {
    key: "messages",
    entity: "ChatroomMessage",
    views: { full: "ChatroomMessage", list: "ChatroomMessageListItem", portal: "CustomerChatroomMessage" },
    filters: ["chatroom", "participant"],
    references: {
      chatroom: { collection: "chatroom", required: true },
      participant: { collection: "chatroom_participant", required: false },
    },
    children: { reactions: { collection: "chatroom_message_reaction", via: "message" } },
    parents: {},
  },
  chatroom_message_reaction: {
    key: "reactions",
    entity: "ChatroomMessageReaction",
    views: { full: "ChatroomMessageReaction", list: "ChatroomMessageReactionListItem", portal: "CustomerChatroomMessageReaction" },
    filters: ["chatroom", "participant", "message", "created"],
    references: {
      message: { collection: "chatroom_message", required: true },
      chatroom: { collection: "chatroom", required: true, inheritFrom: "message" },
      participant: { collection: "chatroom_participant", required: false },
    },
    children: {},
    parents: { chatroomMessageIdentifier: "message" },
  },
};

/** The collections in the order a seed is stored: every record after those it points at. */
export const COLLECTION_ORDER: readonly CollectionName[] = ["chatroom", "chatroom_participant", "chatroom_message", "chatroom_message_reaction"];

/** Fields the fake sets itself; a write cannot change them. */
export const SERVER_FIELDS: readonly string[] = ["id", "created", "updated"];

/** The collection a resource name names, if the fake keeps one. */
export function collectionOf(resource: string): Collection | undefined {
  return Object.hasOwn(COLLECTIONS, resource) ? COLLECTIONS[resource as CollectionName] : undefined;
}
