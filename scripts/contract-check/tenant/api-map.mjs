// @ts-check
/**
 * What the tenant walk needs to know of each operation, read from the client's operation table (method,
 * path and paging only): the resource it is about, what it does to it, and whether it is a customer-portal
 * operation. Also where the API's records name other records, to collect ids to read.
 */

/**
 * What an operation does: lists, reads one, creates, updates, deletes, logs in, mints an API token (a GET
 * that creates a credential), or something else.
 * @typedef {"list" | "get" | "create" | "update" | "delete" | "login" | "token" | "other"} Kind
 * @typedef {{ page: string, pageSize: string, firstPage: number, defaultPageSize: number }} Paging
 * @typedef {{ method: string, path: string, paging: Paging | null }} OperationEntry one entry of `OPERATIONS`.
 * @typedef {{
 *   id: string,
 *   method: string,
 *   path: string,
 *   resource: string,
 *   kind: Kind,
 *   portal: boolean,
 *   paging: Paging | null,
 *   parents: Array<{ param: string, resource: string }>,
 * }} ApiOperation `parents`: path parameters other than `identifier`, each naming a record of another
 *   resource (e.g. `chatroomMessageIdentifier`, a `chatroom_message`).
 */

/** Fields of the API's records that hold records of another resource (an object with an `id`, or a list of them). */
export const FIELD_RESOURCES = /** @type {Readonly<Record<string, string>>} */ ({
  chatroom: "chatroom",
  participant: "chatroom_participant",
  participants: "chatroom_participant",
  message: "chatroom_message",
  reactions: "chatroom_message_reaction",
});

/**
 * `chatroomMessageIdentifier` → `chatroom_message`.
 * @param {string} param
 */
function resourceOfParam(param) {
  return param
    .replace(/Identifier$/, "")
    .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Reads the operation table.
 * @param {Readonly<Record<string, OperationEntry>>} operations `OPERATIONS` of the client.
 * @returns {ApiOperation[]} in the table's (the spec's) order.
 */
export function mapOperations(operations) {
  return Object.entries(operations).map(([id, { method, path, paging }]) => {
    const segments = path.split("/").filter(Boolean);
    const resource = segments.filter((segment) => !segment.startsWith("{")).at(-1) ?? "";
    const params = segments.filter((segment) => segment.startsWith("{")).map((segment) => segment.slice(1, -1));
    const single = params.includes("identifier");
    /** @type {Kind} */
    let kind = "other";
    if (resource === "logins") kind = "login";
    else if (resource === "create_jwt") kind = "token";
    else if (method === "GET") kind = single ? "get" : paging ? "list" : "other";
    else if (method === "POST" && !single) kind = "create";
    else if (method === "PUT" && single) kind = "update";
    else if (method === "DELETE" && single) kind = "delete";
    return {
      id,
      method,
      path,
      resource,
      kind,
      portal: path.startsWith("/api/cp/"),
      paging,
      parents: params.filter((param) => param !== "identifier").map((param) => ({ param, resource: resourceOfParam(param) })),
    };
  });
}

/** The ids of records seen so far, by resource, each with where it was seen first. */
export class KnownIds {
  /** @type {Map<string, Map<string, string>>} */
  #ids = new Map();

  /**
   * Notes an id.
   * @param {string} resource
   * @param {unknown} id
   * @param {string} source e.g. `get_chatroom_message_cget` or `--chatroom-id`.
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
      const inner = FIELD_RESOURCES[field];
      if (inner !== undefined) this.harvest(inner, value, source);
    }
  }

  /**
   * The ids of `resource`, in the order they were seen, with their source.
   * @param {string} resource
   * @returns {Array<{ id: string, source: string }>}
   */
  of(resource) {
    return [...(this.#ids.get(resource) ?? new Map())].map(([id, source]) => ({ id, source }));
  }
}
