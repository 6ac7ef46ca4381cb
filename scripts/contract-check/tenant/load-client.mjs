// @ts-check
/**
 * Loads the client the check runs with (`loadParts`: the build once installed, the sources in this repository); the
 * redactor, defaults and model are internal modules of it, reached by path, not exports.
 */
import { loadParts } from "../package-root.mjs";

/**
 * What the command needs of the client package: `createChatClient`, the operation table and the model for the walk,
 * the client's `Redactor` for every output, and its `DEFAULTS` (`maxResponseBytes`, the check's size limit).
 * @typedef {{
 *   createChatClient: (options: Record<string, unknown>) => import("./read-walk.mjs").WalkClient,
 *   OPERATIONS: Readonly<Record<string, import("./api-map.mjs").OperationEntry>>,
 *   MODEL: import("./api-map.mjs").ApiModel,
 *   Redactor: new (secrets: ReadonlyArray<string | undefined>) => TextRedactor,
 *   DEFAULTS: { readonly maxResponseBytes: number },
 * }} ClientPackage
 * @typedef {{ text(text: string): string, value(value: unknown): unknown }} TextRedactor the client's
 *   `Redactor`: `text` replaces every secret in any encoding, `value` does so in every string of parsed JSON.
 */

/** What the command takes from the client, by module: its path without the ending. */
const PARTS = {
  "src/index": ["createChatClient"],
  "generated/operations": ["OPERATIONS"],
  "generated/model": ["COLLECTIONS", "ROUTES"],
  "src/core/redactor": ["Redactor"],
  "src/core/defaults": ["DEFAULTS"],
};

/** The client package the command checks the tenant with (main loads it once a run). @returns {Promise<ClientPackage>} */
export async function loadClient() {
  const { createChatClient, OPERATIONS, COLLECTIONS, ROUTES, Redactor, DEFAULTS } = await loadParts(PARTS);
  return { createChatClient, OPERATIONS, MODEL: { COLLECTIONS, ROUTES }, Redactor, DEFAULTS };
}
