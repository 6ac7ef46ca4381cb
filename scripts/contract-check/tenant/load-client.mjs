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

/** @type {Promise<ClientPackage> | undefined} */
let loaded;

/** The client package the command checks the tenant with, loaded once per process. @returns {Promise<ClientPackage>} */
export function loadClient() {
  loaded ??= loadParts(PARTS).then(
    ({ createChatClient, OPERATIONS, COLLECTIONS, ROUTES, Redactor, DEFAULTS }) => ({ createChatClient, OPERATIONS, MODEL: { COLLECTIONS, ROUTES }, Redactor, DEFAULTS }),
    (error) => {
      // A failed load is not kept: the next call tries again.
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}
