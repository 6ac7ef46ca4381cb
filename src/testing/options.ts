import type { CollectionChildren, CollectionName, CollectionRecords, CollectionSeedFields } from "../../generated/model.js";
import type { FakeClock } from "./clock.js";

/** A value a seeded record can be found by with a list filter the schema has no field for (`person=…`). */
export type FilterValue = string | number | { id?: number | string };

/** A record to seed: as the server returns it, but its `id` is assigned when missing. */
type WithOptionalId<T> = Omit<T, "id"> & { id?: number };

/**
 * A record of the collection `Name` to seed, typed by the spec (`generated/model.d.ts`): its schema's fields
 * in full form, without those computed from other collections (a room's `participants`, a message's
 * `reactions`: they come from the seed's other collections), and with the ids its list filters by that the
 * schema does not show (`person`, `company`, `eventSignUp` of a participant; never sent back). An `id` is
 * assigned when missing.
 */
export type SeedOf<Name extends CollectionName> = WithOptionalId<Omit<CollectionRecords[Name], CollectionChildren[Name]>> & {
  [Field in CollectionSeedFields[Name]]?: FilterValue;
};

/** A chat room to seed; its `participants` come from the seed's `participants`. */
export type SeedChatroom = SeedOf<"chatrooms">;

/** A participant to seed, with the ids the participant list filters by that the schema does not show. */
export type SeedParticipant = SeedOf<"participants">;

/** A message to seed (there is no operation that creates one); its `reactions` come from the seed's `reactions`. */
export type SeedMessage = SeedOf<"messages">;

/** A reaction to seed; its `chatroom` defaults to its message's (`x-iwerp-default-from`). */
export type SeedReaction = SeedOf<"reactions">;

/**
 * Records to start with (or to `insert`), by collection: one key per schema with `x-iwerp-collection` in the
 * spec (`chatrooms`, `participants`, `messages`, `reactions`). Records point at each other by id
 * (`participant.chatroom.id`, `message.chatroom.id` and `message.participant.id`, `reaction.message.id`). A
 * collection left out is empty.
 */
export type FakeSeed = { [Name in CollectionName]?: readonly SeedOf<Name>[] | undefined };

/** The fake's records by collection, each in the form its single-record operations return (deleted ones included, `deleted: true`). */
export type FakeRecords = { readonly [Name in CollectionName]: readonly CollectionRecords[Name][] };

/** A user who can log in (`POST /api/logins`). */
export interface FakeUser {
  username: string;
  password: string;
  /** When set, the login must send this `token` too (the reference does not say what it is; presumably a second factor). */
  token?: string | undefined;
}

/** Options of `createFakeTenant`. Every one is optional. */
export interface FakeTenantOptions {
  /** The records to start with, and to go back to on `reset()`. Default: `DEFAULT_SEED` (room 42 with one participant, message and reaction). */
  seed?: FakeSeed | undefined;
  /**
   * The id of the first record the fake creates in each collection; later ones count up by one, skipping ids
   * in use, up to `Number.MAX_SAFE_INTEGER` (then a create is answered 507, and `insert` throws). Default: one
   * more than the highest seeded id of the collection (43 with the default seed).
   */
  firstId?: number | undefined;
  /** When each write happened. Default: `createSteppingClock()`, from 2025-05-04T10:00:00Z on, 1 s later per write. */
  clock?: FakeClock | undefined;
  /** Who can log in; `"anyone"`: every login succeeds, whatever the credentials. Default: `[FAKE_USER]` (`ada@example.org` / `fake-password`). */
  users?: readonly FakeUser[] | "anyone" | undefined;
  /** Staff session tokens the fake accepts from the start, besides those `login` hands out. Default: `[FAKE_SESSION_TOKEN]`. */
  sessions?: readonly string[] | undefined;
  /**
   * Customers' session tokens the fake accepts: only they may call the customer portal (`/api/cp/…`), and
   * they may call nothing else (403). A token also in `sessions` may call both. Default: `[FAKE_CUSTOMER_SESSION_TOKEN]`.
   */
  customerSessions?: readonly string[] | undefined;
  /**
   * API keys the fake accepts as `x-iw-jwt-token`, like a staff session; an unknown one is answered 401
   * ("JWT expired or revoked"). `create_jwt` adds more. Default: `[FAKE_API_KEY]`.
   */
  apiKeys?: readonly string[] | undefined;
  /**
   * Answer every error as iwERP's "soft" errors: HTTP 400 with the real code (401, 404, 422, 503, …) in
   * `X-IW-ERROR-CODE` and the messages in `X-IW-ERROR-JSON`, as production tenants mostly do. A fault's
   * `soft` overrides it. Default: `false` (each error with its own status, and the same headers).
   */
  softErrors?: boolean | undefined;
  /**
   * Whether a record must have the references the spec says it needs (`x-iwerp-required`: a participant's chat
   * room, a message's room, a reaction's message) and point at records that exist (`x-iwerp-references`). A
   * write that breaks this is answered 422; a seed that breaks it throws. `false` stores such records as sent (an
   * answer leaves out a reference that has no id, as a server that keeps a link by its id would).
   * Default: `true`.
   */
  checkReferences?: boolean | undefined;
}
