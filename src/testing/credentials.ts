import { failure, type Reply } from "./replies.js";

/** The header a session token comes in (the spec's `sessionToken` security scheme), a staff's or a customer's. */
export const SESSION_HEADER = "x-session-token";

/** The header an API key (a JWT made in the iwERP user settings, or by `create_jwt`) comes in. */
export const API_KEY_HEADER = "x-iw-jwt-token";

/**
 * Who an operation is for: staff (a staff session or an API key) or a customer (the customer portal's operations,
 * `x-iwerp-audience: customer` in the spec).
 */
export type Audience = "staff" | "customer";

/** The credentials a request carried: each header's value, or null when it was not sent. */
export interface SentCredentials {
  readonly session: string | null;
  readonly apiKey: string | null;
}

/** The tokens a fake tenant starts with. */
export interface CredentialLists {
  readonly sessions: readonly string[];
  readonly customerSessions: readonly string[];
  readonly apiKeys: readonly string[];
}

const REFUSED = {
  missing: "Missing credentials: send a session id as x-session-token, or an API key as x-iw-jwt-token",
  missingCustomer: "Missing session token: send the customer's session id as x-session-token",
  session: "Invalid or expired session: log in again",
  apiKey: "JWT expired or revoked: create a new API key in the iwERP user settings",
  staffOnPortal: "This is a customer-portal operation: send a customer's session token; a staff session or API key cannot use it",
  customerOnStaff: "A customer's session cannot use this operation: send a staff session token or an API key",
} as const;

/**
 * The session tokens (staff and customer) and API keys a fake tenant accepts, and who may call what: staff
 * sessions and API keys the staff operations, customer sessions the customer portal's. A token in both
 * session lists is accepted by both. Sent with a session token, an API key decides alone (as the client
 * never sends both).
 */
export class Credentials {
  readonly #staff: Set<string>;
  readonly #customers: Set<string>;
  readonly #apiKeys: Set<string>;
  #opened = 0;

  constructor({ sessions, customerSessions, apiKeys }: CredentialLists) {
    this.#staff = new Set(sessions);
    this.#customers = new Set(customerSessions);
    this.#apiKeys = new Set(apiKeys);
  }

  /** The first staff session token accepted, if any. */
  get firstSession(): string | undefined {
    return first(this.#staff);
  }

  /** The first customer session token accepted, if any. */
  get firstCustomerSession(): string | undefined {
    return first(this.#customers);
  }

  /** The first API key accepted, if any. */
  get firstApiKey(): string | undefined {
    return first(this.#apiKeys);
  }

  /**
   * Opens a staff session (a login) or an API key (`create_jwt`): `make(n)` builds the token from the number
   * of the session (1, 2, …), taken again until it is one the fake does not accept yet.
   * @returns the number and the token, which the fake accepts from then on.
   */
  open(kind: "session" | "apiKey", make: (n: number) => string): { n: number; token: string } {
    const accepted = kind === "session" ? this.#staff : this.#apiKeys;
    let token: string;
    do token = make(++this.#opened);
    while (this.#staff.has(token) || this.#customers.has(token) || this.#apiKeys.has(token));
    accepted.add(token);
    return { n: this.#opened, token };
  }

  /** Stops accepting a session token, staff or customer; true when it was accepted. */
  endSession(token: string): boolean {
    const staff = this.#staff.delete(token);
    return this.#customers.delete(token) || staff;
  }

  /** Stops accepting an API key; true when it was accepted. */
  revokeApiKey(key: string): boolean {
    return this.#apiKeys.delete(key);
  }

  /**
   * Why a request with `sent` may not call an operation for `audience`: 401 with no credentials or unknown
   * ones (an API key: "JWT expired or revoked"), 403 with one of the other audience; undefined when it may.
   */
  refusal(sent: SentCredentials, audience: Audience): Reply | undefined {
    const apiKey = sent.apiKey || undefined;
    const session = sent.session || undefined;
    if (apiKey !== undefined) {
      if (!this.#apiKeys.has(apiKey)) return failure(401, [REFUSED.apiKey]);
      return audience === "customer" ? failure(403, [REFUSED.staffOnPortal]) : undefined;
    }
    if (session === undefined) return failure(401, [audience === "customer" ? REFUSED.missingCustomer : REFUSED.missing]);
    const staff = this.#staff.has(session);
    const customer = this.#customers.has(session);
    if (!staff && !customer) return failure(401, [REFUSED.session]);
    if (audience === "customer" && !customer) return failure(403, [REFUSED.staffOnPortal]);
    if (audience === "staff" && !staff) return failure(403, [REFUSED.customerOnStaff]);
    return undefined;
  }
}

function first(tokens: ReadonlySet<string>): string | undefined {
  return tokens.values().next().value;
}
