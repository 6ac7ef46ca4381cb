import { COLLECTION_ORDER, COLLECTIONS, fullShapeOf, type Collection, type CollectionName } from "./collections.js";
import { describeIssue, type Issue } from "./issues.js";
import type { FakeSeed } from "./options.js";
import { MAX_JSON_DEPTH, nestedDeeperThan } from "./json-depth.js";
import { IDS_RUN_OUT, type Records, type StoredRecord } from "./records.js";
import { project } from "./shapes.js";
import { schemaCheck } from "./validators.js";

/** The time a record without one holds until the seed has passed its checks: the clock is read only for a seed that is stored. */
const PENDING_TIME = "1970-01-01T00:00:00Z";

/**
 * Stores the records of `seed` (a tenant's seed, or what `tenant.insert` is given) after checking every
 * one: an object nested at most `MAX_JSON_DEPTH` levels deep, a free id, valid against the spec in full
 * form, references that exist. Records without an id get the next free one (an issue when the ids have run
 * out); without `created`/`updated`, the time `now()` says (read once, after the checks); without
 * `deleted`, `false`. Nothing is stored when anything is wrong, and no id or clock reading is used up: it throws
 * a TypeError naming each problem.
 * @param where how the caller names the seed in messages, e.g. `createFakeTenant: seed`.
 * @returns the stored records, by collection.
 */
export function storeSeed(records: Records, seed: FakeSeed, now: () => string, where: string): Map<CollectionName, StoredRecord[]> {
  if (seed === null || typeof seed !== "object") throw new TypeError(`${where} must be an object such as { chatrooms: [...], participants: [...] }.`);
  const stored = new Map<CollectionName, StoredRecord[]>();
  const issues: Issue[] = [];
  const restoreIds = records.savedIds();
  /** The times still to be read from the clock: each record's field that holds `PENDING_TIME`. */
  const pending: Array<[StoredRecord, "created" | "updated"]> = [];
  for (const name of COLLECTION_ORDER) {
    const collection: Collection = COLLECTIONS[name];
    const items: unknown = seed[name];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      issues.push({ path: [name], message: "must be a list of records" });
      continue;
    }
    const batch: StoredRecord[] = [];
    /** Where each record of the batch is in the seed's list, for issues found once the batch is sorted. */
    const indexOf = new Map<StoredRecord, number>();
    const taken = new Set<number>();
    for (const [index, item] of items.entries()) {
      const at = [name, index];
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        issues.push({ path: at, message: "must be an object" });
        continue;
      }
      // Before anything copies it: copying recurses, and a hostile depth would overflow the call stack.
      if (nestedDeeperThan(item, MAX_JSON_DEPTH)) {
        issues.push({ path: at, message: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
        continue;
      }
      const source = item as Record<string, unknown>;
      const id = source.id;
      if (id !== undefined && (!Number.isSafeInteger(id) || (id as number) < 1)) {
        issues.push({ path: [...at, "id"], message: "must be a whole number from 1, or left out" });
        continue;
      }
      if (typeof id === "number" && (records.find(name, id) !== undefined || taken.has(id))) {
        issues.push({ path: [...at, "id"], message: `is taken: there is another ${collection.schema} ${id}` });
        continue;
      }
      if (typeof id === "number") taken.add(id);
      const record = seedRecord(name, source);
      indexOf.set(record, index);
      batch.push(record);
    }
    // Explicit ids first, so that an assigned one never takes an id a later record asks for.
    for (const record of [...batch].sort((a, b) => Number(a.id === undefined) - Number(b.id === undefined))) {
      if ((record.id as number | undefined) === undefined) {
        const id = records.nextId(name);
        if (id === undefined) {
          issues.push({ path: [name, indexOf.get(record) ?? "?", "id"], message: `has no free id left (${IDS_RUN_OUT}): give it an id, or use a smaller firstId` });
          continue;
        }
        record.id = id;
      }
      if (record.created === undefined) {
        record.created = PENDING_TIME;
        pending.push([record, "created"]);
        if (record.updated === undefined) pending.push([record, "updated"]);
      }
      record.updated ??= record.created;
      record.deleted ??= false;
      records.put(name, record);
    }
    // In the seed's order; a record that got no id is not stored.
    stored.set(name, batch.filter((record) => (record.id as number | undefined) !== undefined));
  }
  // Checked once all are stored, so that records may point at each other in any order.
  for (const [name, batch] of stored) {
    const shape = fullShapeOf(name);
    const check = schemaCheck(shape);
    for (const record of batch) {
      const at = [name, `id ${record.id}`];
      issues.push(...records.linkReferences(name, record, at));
      // Filed again: linking may have filled in a reference (a reaction's room) that the index keys on.
      records.put(name, record);
      const rendered = records.render(name, record, shape);
      if (!check(rendered)) issues.push(...check.issues(at));
    }
  }
  const undo = () => {
    for (const [name, batch] of stored) for (const record of batch) records.remove(name, record.id);
    restoreIds();
  };
  if (issues.length > 0) {
    undo();
    throw new TypeError(`${where} is not valid: ${issues.map(describeIssue).join("; ")}.`);
  }
  if (pending.length > 0) {
    let time: string;
    try {
      time = now();
    } catch (error) {
      // A clock that fails (or returns no date) stores nothing either.
      undo();
      throw error;
    }
    for (const [record, field] of pending) record[field] = time;
  }
  return stored;
}

/** The record a seed item becomes: its spec fields (in full form) and the filter-only fields the schema lacks. */
function seedRecord(name: CollectionName, source: Record<string, unknown>): StoredRecord {
  const collection: Collection = COLLECTIONS[name];
  const record = project(source, fullShapeOf(name)) as StoredRecord;
  for (const field of Object.keys(collection.children)) delete record[field];
  for (const filter of collection.seedFields) {
    if (record[filter] === undefined && source[filter] !== undefined) record[filter] = structuredClone(source[filter]);
  }
  return record;
}
