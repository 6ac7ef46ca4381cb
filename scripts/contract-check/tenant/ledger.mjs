// @ts-check
/**
 * The records a write run created on the tenant, kept from the moment the tenant answered the create until
 * they are deleted: what is still in it at the end is what a person has to remove.
 */

/**
 * @typedef {{
 *   resource: string,
 *   id: string | null,
 *   where: string,
 *   createdBy: string,
 *   deleted: boolean,
 *   why?: string,
 * }} LedgerEntry `id` null: the tenant may have created the record, but its id is unknown; `where`: e.g.
 *   `in chat room 42`; `createdBy`: e.g. `POST /api/chat/chatroom_participant`; `why`: why it is not deleted.
 */

export class Ledger {
  /** @type {LedgerEntry[]} */
  entries = [];

  /**
   * Notes a record the run created (or, with `id` null, may have created).
   * @param {Omit<LedgerEntry, "deleted">} entry
   */
  add(entry) {
    this.entries.push({ ...entry, deleted: false });
  }

  /** The records created and not deleted yet, the last created first (the order to delete them in). */
  pending() {
    return this.entries.filter((entry) => entry.id !== null && !entry.deleted).reverse();
  }

  /**
   * The counts and what is left, for the report.
   * @returns {import("../report-model.mjs").RecordsReport}
   */
  report() {
    const known = this.entries.filter((entry) => entry.id !== null);
    return {
      created: known.length,
      deleted: known.filter((entry) => entry.deleted).length,
      leftovers: this.entries
        .filter((entry) => !entry.deleted)
        .map(({ resource, id, where, createdBy, why }) => ({
          resource,
          id,
          where,
          createdBy,
          why: why ?? (id === null ? "the tenant may have created it, but did not say its id" : "not deleted"),
        })),
    };
  }
}
