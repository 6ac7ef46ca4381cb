// @ts-check
/**
 * The records a write run created on the tenant, kept from the moment its create is sent until they are
 * deleted: what is still in it at the end is what a person has to remove. A create in flight is in it
 * already (its id unknown), so a run stopped at once still says that a record may exist and where to look.
 */

/**
 * @typedef {{
 *   resource: string,
 *   id: string | null,
 *   where: string,
 *   createdBy: string,
 *   deleted: boolean,
 *   why?: string,
 *   lookFor?: string,
 *   sending?: boolean,
 *   deleting?: boolean,
 * }} LedgerEntry `id` null: the tenant may have created the record, but its id is unknown; `where`: e.g.
 *   `in chat room 42`; `createdBy`: e.g. `POST /api/chat/chatroom_participant`; `why`: why it is not deleted;
 *   `lookFor`: how a person finds it, e.g. `a participant named "iwerp-contract contract check …"`;
 *   `sending`: its create was sent and not answered yet; `deleting`: its DELETE was sent and not answered yet.
 */

/** What a person can do with an entry whose id is unknown. */
const LOOK = (/** @type {LedgerEntry} */ entry) => (entry.lookFor ? `; look for ${entry.lookFor}` : "");

/** The run's records: each create from the moment it is sent, and what became of it. */
export class Ledger {
  /** @type {LedgerEntry[]} */
  entries = [];

  /**
   * Notes a create about to be sent: until `settle`, the record may exist and its id is unknown.
   * @param {{ resource: string, where: string, createdBy: string, lookFor?: string }} create
   * @returns {LedgerEntry} the entry to settle once the answer is known.
   */
  sending(create) {
    /** @type {LedgerEntry} */
    const entry = { ...create, id: null, deleted: false, sending: true };
    this.entries.push(entry);
    return entry;
  }

  /**
   * Settles a create: with `id` the record exists; else with `why` it may exist (id unknown); with neither,
   * the tenant created nothing and the entry goes.
   * @param {LedgerEntry} entry from `sending`.
   * @param {{ id?: string, why?: string }} outcome
   */
  settle(entry, { id, why }) {
    delete entry.sending;
    if (id !== undefined) entry.id = id;
    else if (why !== undefined) entry.why = why;
    else this.entries = this.entries.filter((other) => other !== entry);
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
        .map((entry) => ({
          resource: entry.resource,
          id: entry.id,
          where: entry.where,
          createdBy: entry.createdBy,
          why:
            entry.id === null
              ? `${entry.why ?? "the tenant may have created it, but did not say its id"}${LOOK(entry)}`
              : (entry.why ?? "not deleted"),
        })),
    };
  }

  /** What is left right now, for a run that stops at once (a second Ctrl-C): what exists and what may. */
  describeLeft() {
    const left = this.entries.filter((entry) => !entry.deleted);
    if (left.length === 0) return "Records left on the tenant: none.";
    const lines = left.map((entry) => {
      if (entry.sending) {
        return `  - a ${entry.resource} may exist ${entry.where}: ${entry.createdBy} was sent and the tenant had not answered${LOOK(entry)}`;
      }
      if (entry.id === null) return `  - a ${entry.resource} (id unknown) ${entry.where}, created by ${entry.createdBy}: ${entry.why ?? "its id is unknown"}${LOOK(entry)}`;
      const deleting = entry.deleting ? " (its DELETE was sent; the tenant had not answered)" : "";
      return `  - ${entry.resource} ${entry.id} ${entry.where}, created by ${entry.createdBy}${deleting}`;
    });
    return ["Records this run created or may have created, to check and remove in iwERP by hand:", ...lines].join("\n");
  }
}
