// @ts-check
/**
 * The end of every write run, whatever happened before: each record the run created is deleted, newest
 * first; what could not be deleted stays in the ledger with the reason, for the report.
 */
import { clientFor, findOperation } from "./read-walk.mjs";

/**
 * Deletes every record in the ledger not deleted yet; runs even after the walk stopped. A record counts
 * as deleted when the tenant answered its DELETE with 2xx, even if the answer broke the spec.
 * @param {import("./read-walk.mjs").WalkContext} context
 * @param {import("./ledger.mjs").Ledger} ledger
 */
export async function cleanUp(context, ledger) {
  for (const entry of ledger.pending()) {
    const remove = findOperation(context, "delete", entry.resource);
    if (!remove) {
      entry.why = "the spec has no operation this run can delete it with";
      continue;
    }
    const client = /** @type {import("./read-walk.mjs").WalkClient} */ (clientFor(context, remove));
    // Until the answer comes, a run stopped at once says the DELETE was sent.
    entry.deleting = true;
    const result = await context.checks.run(
      remove.id,
      `deletes ${entry.resource} ${entry.id}, which this run created`,
      async () => client.request(remove.id, { path: { identifier: entry.id } }),
      { cleanup: true },
    );
    delete entry.deleting;
    const status = result.exchanges.at(-1)?.tenant?.status;
    if (result.passed || (status !== undefined && status >= 200 && status < 300)) entry.deleted = true;
    else entry.why = result.failure[0] ?? "its DELETE failed";
  }
}
