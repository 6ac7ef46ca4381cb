import type { CollectionName } from "../../generated/model.js";

/** The first element of every query key this entry makes. */
export const QUERY_KEY_PREFIX = "iwerp-chat";

/**
 * The kind of record (a key's `entity`) of each collection of the spec (`x-iwerp-collection`) this entry has queries
 * of. What a write makes stale comes from the spec, by collection (`INVALIDATES` in generated/model.js); this says
 * which keys are a collection's. A collection the spec adds has none until this entry gets queries of it.
 */
export const ENTITY_OF = {
  chatrooms: "chatroom",
  participants: "participant",
  messages: "message",
  reactions: "reaction",
} as const satisfies { readonly [Name in CollectionName]?: string };

/**
 * The kinds of record a key is about: a write makes stale the keys of the kinds it changes. Messages and
 * reactions are the same records whether the staff API or the customer portal reads them.
 */
export type ChatEntity = (typeof ENTITY_OF)[keyof typeof ENTITY_OF];

/**
 * A query key of this entry: `["iwerp-chat", baseUrl, entity, operationId, input]`, and `"infinite"` after them for
 * an infinite list. `input` is the list's query (without `page` for an infinite list), or `{ identifier }` (a string)
 * for a single record, or `{}`.
 */
export type ChatQueryKey = readonly [typeof QUERY_KEY_PREFIX, string, ChatEntity, string, Readonly<Record<string, unknown>>, ...("infinite")[]];

/** The input part of a key: own fields that are not undefined, numbers of path parameters as strings, so equal inputs give equal keys. */
export function keyInput(input: object | undefined, drop: readonly string[] = []): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    if (value !== undefined && !drop.includes(name)) out[name] = value;
  }
  return out;
}

/** The key of `operationId` for `input` on the tenant at `baseUrl`. */
export function queryKey(baseUrl: string, entity: ChatEntity, operationId: string, input: Readonly<Record<string, unknown>>): ChatQueryKey {
  return [QUERY_KEY_PREFIX, baseUrl, entity, operationId, input];
}
