import { jwtLike } from "./api-tokens.js";
import type { FakeSeed, FakeUser } from "./options.js";

/** The staff session token a fake tenant accepts unless `sessions` says otherwise. */
export const FAKE_SESSION_TOKEN = "fake-session-token";

/** The customer's session token a fake tenant accepts (for the customer portal, `/api/cp/…`) unless `customerSessions` says otherwise. */
export const FAKE_CUSTOMER_SESSION_TOKEN = "fake-customer-session-token";

/**
 * The API key a fake tenant accepts (as `x-iw-jwt-token`) unless `apiKeys` says otherwise: shaped like a JWT,
 * as the keys made in the iwERP user settings are, with the payload `{ "iss": "iwerp-fake-tenant", "sub": "fake-api-key" }`.
 */
export const FAKE_API_KEY = jwtLike({ iss: "iwerp-fake-tenant", sub: "fake-api-key" }, "fake-signature");

/** The user who can log in to a fake tenant unless `users` says otherwise. */
export const FAKE_USER: Readonly<FakeUser> = Object.freeze({ username: "ada@example.org", password: "fake-password" });

/** When the default seed's records were made: the time of the spec's examples. */
const SEEDED = "2025-05-04T09:42:00Z";

/**
 * The records a fake tenant starts with unless `seed` says otherwise: one of each, all with the id 42 that
 * the spec's examples use, so requests built from the examples find them. Chat room 42 "Support", its
 * participant 42 (Ada Lovelace, room admin), message 42 by her, and reaction 42 (👍) to it.
 * @example
 * // Extend it rather than replace it:
 * const tenant = createFakeTenant({ seed: { ...DEFAULT_SEED, participants: [...DEFAULT_SEED.participants, { id: 7, chatroom: { id: 42 }, first_name: "Grace" }] } });
 */
export const DEFAULT_SEED: Readonly<Required<FakeSeed>> = deepFreeze({
  chatrooms: [{ id: 42, name: "Support", token: "chatroom-42", notification_token: "notify-42", created: SEEDED, updated: SEEDED, deleted: false }],
  participants: [
    {
      id: 42,
      chatroom: { id: 42 },
      participant_type: "user",
      first_name: "Ada",
      last_name: "Lovelace",
      name: "Ada Lovelace",
      room_admin: true,
      can_write: true,
      is_muted: false,
      created: SEEDED,
      updated: SEEDED,
      deleted: false,
    },
  ],
  messages: [
    {
      id: 42,
      chatroom: { id: 42 },
      participant: { id: 42 },
      message_text: "Welcome to the support room!",
      attachments: [],
      completed: false,
      created: SEEDED,
      updated: SEEDED,
      deleted: false,
    },
  ],
  reactions: [{ id: 42, emoji: "👍", message: { id: 42 }, chatroom: { id: 42 }, participant: { id: 42 }, created: SEEDED, updated: SEEDED, deleted: false }],
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
