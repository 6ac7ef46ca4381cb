// @ts-check
/**
 * What the tenant walk needs to know of each operation, from the client's operation table (method, path, paging) and
 * the model `npm run generate` derives from the spec (`generated/model.js`, which the fake tenant serves by too):
 * its resource, what it does to it, whether it is a customer-portal operation; and which fields name other records.
 */

/**
 * @typedef {NonNullable<import("../../../generated/operations.js").OperationSpec["paging"]>} Paging
 * @typedef {Pick<import("../../../generated/operations.js").OperationSpec, "method" | "path" | "paging">} OperationEntry
 * @typedef {{
 *   COLLECTIONS: Readonly<Record<string, import("../../../generated/model.js").CollectionModel>>,
 *   ROUTES: Readonly<Record<string, import("../../../generated/model.js").RouteModel>>,
 * }} ApiModel the model `npm run generate` writes (`generated/model.js`).
 * @typedef {{
 *   id: string,
 *   method: string,
 *   path: string,
 *   resource: string,
 *   kind: import("../../../generated/model.js").RouteKind,
 *   portal: boolean,
 *   paging: Paging | null,
 *   parents: Array<{ param: string, resource: string }>,
 *   statuses: readonly number[],
 * }} ApiOperation `resource`: its collection's, else the path's last segment that is not a parameter; `parents`:
 *   path parameters other than `identifier`, each naming a record of another resource (e.g.
 *   `chatroomMessageIdentifier`, a `chatroom_message`); `statuses`: the statuses the spec documents for it.
 */

/**
 * Fields of the API's records that hold records of another resource (an object with an `id`, or a list of them):
 * each collection's references (`x-iwerp-references`) and children (`x-iwerp-children`).
 * @param {ApiModel["COLLECTIONS"]} collections
 * @returns {Readonly<Record<string, string>>} field → resource, e.g. `participants` → `chatroom_participant`.
 */
export function fieldResources(collections) {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const collection of Object.values(collections)) {
    for (const [field, link] of [...Object.entries(collection.references), ...Object.entries(collection.children)]) {
      const target = collections[link.collection];
      if (target !== undefined) fields[field] = target.resource;
    }
  }
  return Object.freeze(fields);
}

/**
 * Reads the operation table with the model.
 * @param {Readonly<Record<string, OperationEntry>>} operations `OPERATIONS` of the client.
 * @param {ApiModel} model `generated/model.js`.
 * @returns {ApiOperation[]} in the table's (the spec's) order.
 */
export function mapOperations(operations, { COLLECTIONS, ROUTES }) {
  return Object.entries(operations).map(([id, { method, path, paging }]) => {
    const route = ROUTES[id];
    if (route === undefined) throw new Error(`the model (generated/model.js) has no route for ${id}: run npm run generate`);
    const collection = route.collection === null ? undefined : COLLECTIONS[route.collection];
    const resource = collection?.resource ?? path.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).at(-1) ?? "";
    return {
      id,
      method,
      path,
      resource,
      kind: route.kind,
      portal: route.audience === "customer",
      paging,
      parents: Object.entries(route.parents).map(([param, parent]) => ({ param, resource: COLLECTIONS[parent.collection]?.resource ?? parent.collection })),
      statuses: route.statuses,
    };
  });
}

/** The ids of records seen so far, by resource, each with where it was seen first. */
export class KnownIds {
  /** @type {Map<string, Map<string, string>>} */
  #ids = new Map();
  /** @type {Readonly<Record<string, string>>} */
  #fields;

  /** @param {Readonly<Record<string, string>>} fields which fields of a record hold records of which resource (`fieldResources`). */
  constructor(fields) {
    this.#fields = fields;
  }

  /**
   * Notes an id, unless it is known already.
   * @param {string} resource
   * @param {unknown} id
   * @param {string} source where it was seen, e.g. `get_chatroom_message_cget` or `--chatroom-id`.
   */
  add(resource, id, source) {
    if (typeof id !== "number" && typeof id !== "string") return;
    const ids = this.#ids.get(resource) ?? new Map();
    if (!ids.has(String(id))) ids.set(String(id), source);
    this.#ids.set(resource, ids);
  }

  /**
   * Notes the ids in a body: a record (or list of them) of `resource`, with the records it names.
   * @param {string} resource
   * @param {unknown} body
   * @param {string} source
   */
  harvest(resource, body, source) {
    if (Array.isArray(body)) {
      for (const item of body) this.harvest(resource, item, source);
      return;
    }
    if (body === null || typeof body !== "object") return;
    const record = /** @type {Record<string, unknown>} */ (body);
    this.add(resource, record.id, source);
    for (const [field, value] of Object.entries(record)) {
      const inner = Object.hasOwn(this.#fields, field) ? this.#fields[field] : undefined;
      if (inner !== undefined) this.harvest(inner, value, source);
    }
  }

  /** @param {string} resource @returns {Array<{ id: string, source: string }>} its ids, in the order seen, with their source. */
  of(resource) {
    return [...(this.#ids.get(resource) ?? new Map())].map(([id, source]) => ({ id, source }));
  }
}
