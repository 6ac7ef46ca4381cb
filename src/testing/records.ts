import { COLLECTION_ORDER, COLLECTIONS, SERVER_FIELDS, type Collection, type CollectionName } from "./collections.js";
import type { Issue } from "./issues.js";
import { project, type ShapeName } from "./shapes.js";

/** A record as the fake keeps it: its spec fields, references as `{ id, … }`, and any filter-only fields of a seed. */
export type StoredRecord = { id: number } & Record<string, unknown>;

/** Why a collection has no id left: ids stay exact numbers. */
export const IDS_RUN_OUT = "new ids count up from firstId (or one past the highest id) and may not pass Number.MAX_SAFE_INTEGER";

/** The highest id of a table, or 0 (a loop: spreading 130,000 ids into `Math.max` overflows the call stack). */
function highestId(table: ReadonlyMap<number, StoredRecord>): number {
  let highest = 0;
  for (const id of table.keys()) if (id > highest) highest = id;
  return highest;
}

/** The id a reference holds, e.g. `42` for `{ id: 42, name: "Support" }`. */
export function referencedId(value: unknown): unknown {
  return value !== null && typeof value === "object" ? (value as { id?: unknown }).id : undefined;
}

/** A link from child records to the record they belong to: the child collection and the field that names the parent. */
interface ChildLink {
  readonly collection: CollectionName;
  readonly via: string;
}

/**
 * The index of one child link: parent id (as the child's reference holds it) → the ids of its children, and
 * child id → the parent id it was filed under.
 */
interface ChildIndex {
  readonly parents: Map<unknown, Set<number>>;
  readonly filed: Map<number, unknown>;
}

/** The key of a child link in the index, e.g. `chatroom_message_reaction.message`. */
const linkKey = ({ collection, via }: ChildLink): string => `${collection}.${via}`;

/**
 * The records of every collection, their ids and the links between them. Knows nothing of HTTP: the
 * handlers read and write through it, and it renders a record in any shape with its references filled in.
 * The children of a record (a room's participants, a message's reactions) are indexed by the parent's id, so
 * rendering a record costs its own children, not a scan of every child record: seeding and listing stay linear.
 */
export class Records {
  readonly #tables = new Map<CollectionName, Map<number, StoredRecord>>();
  readonly #nextIds = new Map<CollectionName, number>();
  /** For each child link, its index. */
  readonly #children = new Map<string, ChildIndex>();
  /** The child links each collection's records take part in as children. */
  readonly #linksOf = new Map<CollectionName, ChildLink[]>();

  constructor(
    /** Whether references must point at existing records. */
    readonly checkReferences: boolean,
    /** Where new ids start in each collection; default: one more than its highest id when the first is assigned. */
    readonly firstId: number | undefined,
  ) {
    for (const name of COLLECTION_ORDER) {
      this.#tables.set(name, new Map());
      this.#linksOf.set(name, []);
    }
    for (const collection of Object.values(COLLECTIONS) as Collection[]) {
      for (const link of Object.values(collection.children)) {
        this.#linksOf.get(link.collection)?.push(link);
        this.#children.set(linkKey(link), { parents: new Map(), filed: new Map() });
      }
    }
  }

  /** Every record of a collection, by id. */
  all(name: CollectionName): StoredRecord[] {
    return [...this.#table(name).values()].sort((a, b) => a.id - b.id);
  }

  find(name: CollectionName, id: unknown): StoredRecord | undefined {
    const key = typeof id === "string" && /^\d+$/.test(id) ? Number(id) : id;
    return typeof key === "number" ? this.#table(name).get(key) : undefined;
  }

  /** Stores a record (new, or in place of the one with its id), and files it under the parents it names. */
  put(name: CollectionName, record: StoredRecord): void {
    this.#unindex(name, record.id);
    this.#table(name).set(record.id, record);
    this.#index(name, record);
  }

  /** Takes a record out (only to undo a seed that failed its checks: the API deletes by marking). */
  remove(name: CollectionName, id: number): void {
    this.#unindex(name, id);
    this.#table(name).delete(id);
  }

  /** The children of the record `parentId` by `link`, by id, deleted ones left out. */
  childrenOf(link: ChildLink, parentId: number): StoredRecord[] {
    const ids = this.#link(link).parents.get(parentId);
    if (ids === undefined) return [];
    const table = this.#table(link.collection);
    const found: StoredRecord[] = [];
    for (const id of ids) {
      const child = table.get(id);
      if (child !== undefined && child.deleted !== true) found.push(child);
    }
    return found.sort((a, b) => a.id - b.id);
  }

  /** Files `record` under the parent each of its links names now. */
  #index(name: CollectionName, record: StoredRecord): void {
    for (const link of this.#linksOf.get(name) ?? []) {
      const { parents, filed } = this.#link(link);
      const parentId = referencedId(record[link.via]);
      if (parentId === undefined) continue;
      let ids = parents.get(parentId);
      if (ids === undefined) parents.set(parentId, (ids = new Set()));
      ids.add(record.id);
      filed.set(record.id, parentId);
    }
  }

  /** Takes the record `id` out of the index, from where it was filed (its fields may have changed since). */
  #unindex(name: CollectionName, id: number): void {
    for (const link of this.#linksOf.get(name) ?? []) {
      const { parents, filed } = this.#link(link);
      if (!filed.has(id)) continue;
      const parentId = filed.get(id);
      filed.delete(id);
      const ids = parents.get(parentId);
      ids?.delete(id);
      if (ids?.size === 0) parents.delete(parentId);
    }
  }

  #link(link: ChildLink): ChildIndex {
    const index = this.#children.get(linkKey(link));
    if (index === undefined) throw new Error(`no child link ${linkKey(link)}`);
    return index;
  }

  /**
   * The next free id of a collection: counting up from `firstId`, or from one more than its highest id at the
   * first call; `undefined` when that would pass `Number.MAX_SAFE_INTEGER` (see `IDS_RUN_OUT`).
   */
  nextId(name: CollectionName): number | undefined {
    const table = this.#table(name);
    let id = this.#nextIds.get(name) ?? this.firstId ?? highestId(table) + 1;
    // Bounded: past MAX_SAFE_INTEGER, `id++` would stop changing the number.
    while (id <= Number.MAX_SAFE_INTEGER && table.has(id)) id++;
    if (id > Number.MAX_SAFE_INTEGER) return undefined;
    this.#nextIds.set(name, id + 1);
    return id;
  }

  /** A function that puts the next ids back as they are now (to undo a seed that failed its checks, as `remove` its records). */
  savedIds(): () => void {
    const saved = new Map(this.#nextIds);
    return () => {
      this.#nextIds.clear();
      for (const [name, id] of saved) this.#nextIds.set(name, id);
    };
  }

  /**
   * The fields of `body` a write may set in a record of `name`: those of `shape` (the operation's form), cut
   * to it, without the fields the fake sets itself and those computed from other collections.
   */
  writable(name: CollectionName, body: Record<string, unknown>, shape: ShapeName): Record<string, unknown> {
    const fields = project(body, shape) as Record<string, unknown>;
    const collection: Collection = COLLECTIONS[name];
    for (const field of [...SERVER_FIELDS, ...Object.keys(collection.children)]) delete fields[field];
    return fields;
  }

  /**
   * Fills in the references a record lacks from the record another one names (`x-iwerp-default-from`: a
   * reaction's room from its message), then lists what is wrong: a field the spec says every record needs
   * (`x-iwerp-required`) left out, or a reference naming no record (both unless references are not checked).
   * `at` is where the record is in the request, e.g. `["body", "data"]`.
   */
  linkReferences(name: CollectionName, record: Record<string, unknown>, at: readonly (string | number)[]): Issue[] {
    const collection: Collection = COLLECTIONS[name];
    for (const [field, reference] of Object.entries(collection.references)) {
      if (referencedId(record[field]) !== undefined || reference.defaultFrom === undefined) continue;
      const via = collection.references[reference.defaultFrom];
      const source = via === undefined ? undefined : this.find(via.collection, referencedId(record[reference.defaultFrom]));
      const inherited = referencedId(source?.[field]);
      if (inherited !== undefined) record[field] = { id: inherited };
    }
    if (!this.checkReferences) return [];
    const issues: Issue[] = [];
    for (const field of collection.required) {
      const reference = collection.references[field];
      if (reference === undefined) {
        if (record[field] === undefined || record[field] === null) issues.push({ path: [...at, field], message: "is required" });
      } else if (referencedId(record[field]) === undefined) {
        issues.push({ path: [...at, field, "id"], message: `is required: the id of the ${COLLECTIONS[reference.collection].schema} it belongs to` });
      }
    }
    for (const [field, reference] of Object.entries(collection.references)) {
      const id = referencedId(record[field]);
      if (id !== undefined && this.find(reference.collection, id) === undefined) {
        issues.push({ path: [...at, field, "id"], message: `names no ${COLLECTIONS[reference.collection].schema}: there is none with id ${String(id)}` });
      }
    }
    return issues;
  }

  /** A record with its references replaced by the records they name and its computed lists filled in. */
  resolve(name: CollectionName, record: StoredRecord): Record<string, unknown> {
    const collection: Collection = COLLECTIONS[name];
    const out: Record<string, unknown> = { ...record };
    for (const [field, reference] of Object.entries(collection.references)) {
      const target = this.find(reference.collection, referencedId(record[field]));
      if (target !== undefined) out[field] = target;
      // A reference stored as sent without an id (references unchecked) links to nothing: a server keeps a link by
      // its id, so the answer leaves it out rather than show a record without its id.
      else if (referencedId(record[field]) === undefined) delete out[field];
    }
    for (const [field, child] of Object.entries(collection.children)) {
      out[field] = this.childrenOf(child, record.id).map((item) => this.resolve(child.collection, item));
    }
    return out;
  }

  /** A record in the form of `shape`, as an operation sends it. */
  render(name: CollectionName, record: StoredRecord, shape: ShapeName): Record<string, unknown> {
    return project(this.resolve(name, record), shape) as Record<string, unknown>;
  }

  #table(name: CollectionName): Map<number, StoredRecord> {
    const table = this.#tables.get(name);
    if (table === undefined) throw new Error(`no collection ${name}`);
    return table;
  }
}
