import { COLLECTION_ORDER, fullShapeOf, type CollectionName } from "./collections.js";
import type { FakeRecords } from "./options.js";
import type { Records, StoredRecord } from "./records.js";

/** Records of each collection in full form, frozen. */
function rendered(records: Records, name: CollectionName, list: readonly StoredRecord[]): never {
  const shape = fullShapeOf(name);
  return deepFreeze(list.map((record) => records.render(name, record, shape))) as never;
}

/**
 * The state: one getter per collection of the spec (`x-iwerp-collection`), each rendering the collection when
 * it is read, so a snapshot is never stale and never changes.
 */
export function liveState(records: Records): FakeRecords {
  const state = {};
  for (const name of COLLECTION_ORDER) {
    Object.defineProperty(state, name, { enumerable: true, get: () => rendered(records, name, records.all(name)) });
  }
  return state as FakeRecords;
}

/** The records a seed or `insert` just stored, in full form, by collection. */
export function storedState(records: Records, stored: ReadonlyMap<CollectionName, readonly StoredRecord[]>): FakeRecords {
  return Object.freeze(Object.fromEntries(COLLECTION_ORDER.map((name) => [name, rendered(records, name, stored.get(name) ?? [])]))) as unknown as FakeRecords;
}

/** Freezes plain data all the way down and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
