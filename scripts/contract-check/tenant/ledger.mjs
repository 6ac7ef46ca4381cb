// @ts-check
/**
 * The records a write run created on the tenant, from the moment a create is sent (its id still unknown, so a run
 * stopped at once says that a record may exist and where to look) until they are deleted.
 */
import { renderLeftover } from "../report-model.mjs";

/**
 * @typedef {Omit<import("../report-model.mjs").Leftover, "why"> & {
 *   deleted: boolean,
 *   why?: string,
 *   lookFor?: string,
 *   sending?: boolean,
 *   deleting?: boolean,
 * }} LedgerEntry a record as `Leftover` has it; `why`: why it is not deleted; `lookFor`: how a person finds it, e.g.
 *   `a participant named "iwerp-contract …"`; `sending`, `deleting`: its create or DELETE was sent, not answered yet.
 */

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
   * Settles a create: with `id` the record exists; else with `why` it may exist (id unknown); with neither, the tenant
   * created nothing and the entry goes.
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
   * The counts and what is left: what exists and what may (a create or a DELETE sent and not answered says so).
   * @returns {import("../report-model.mjs").RecordsReport}
   */
  report() {
    const known = this.entries.filter((entry) => entry.id !== null);
    const unknown = "the tenant may have created it, but did not say its id";
    return {
      created: known.length,
      deleted: known.filter((entry) => entry.deleted).length,
      leftovers: this.entries
        .filter((entry) => !entry.deleted)
        .map(({ resource, id, where, createdBy, why, lookFor, sending, deleting }) => ({
          resource,
          id,
          where,
          createdBy,
          why: `${sending ? "it was sent and the tenant had not answered" : deleting ? "its DELETE was sent; the tenant had not answered" : (why ?? (id === null ? unknown : "not deleted"))}${id === null && lookFor ? `; look for ${lookFor}` : ""}`,
        })),
    };
  }

  /** What is left right now, for a run that stops at once (a second Ctrl-C): what exists and what may. */
  describeLeft() {
    const { leftovers } = this.report();
    if (leftovers.length === 0) return "Records left on the tenant: none.";
    return ["Records this run created or may have created, to check and remove in iwERP by hand:", ...leftovers.map(renderLeftover)].join("\n");
  }
}
