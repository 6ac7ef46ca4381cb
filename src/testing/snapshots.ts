import { COLLECTIONS, type CollectionName } from "./collections.js";
import type { FakeRecords } from "./options.js";
import type { Records, StoredRecord } from "./records.js";

/** Records of each collection in full form, frozen. */
function rendered(records: Records, name: CollectionName, list: readonly StoredRecord[]): never {
  return deepFreeze(list.map((record) => records.render(name, record, COLLECTIONS[name].views.full))) as never;
}

/** The state: each collection rendered when it is read, so a snapshot is never stale and never changes. */
export function liveState(records: Records): FakeRecords {
  return {
    get chatrooms() {
      return rendered(records, "chatroom", records.all("chatroom"));
    },
    get participants() {
      return rendered(records, "chatroom_participant", records.all("chatroom_participant"));
    },
    get messages() {
      return rendered(records, "chatroom_message", records.all("chatroom_message"));
    },
    get reactions() {
      return rendered(records, "chatroom_message_reaction", records.all("chatroom_message_reaction"));
    },
  };
}

/** The records a seed or `insert` just stored, in full form. */
export function storedState(records: Records, stored: ReadonlyMap<CollectionName, readonly StoredRecord[]>): FakeRecords {
  const of = (name: CollectionName) => rendered(records, name, stored.get(name) ?? []);
  return Object.freeze({
    chatrooms: of("chatroom"),
    participants: of("chatroom_participant"),
    messages: of("chatroom_message"),
    reactions: of("chatroom_message_reaction"),
  });
}

/** Freezes plain data all the way down and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
