import type { OperationId } from "../core/operation-types.js";
import { createSteppingClock, isoTime, restartClock } from "./clock.js";
import { Credentials } from "./credentials.js";
import { DEFAULT_SEED, FAKE_API_KEY, FAKE_CUSTOMER_SESSION_TOKEN, FAKE_SESSION_TOKEN, FAKE_USER } from "./default-seed.js";
import { FaultQueue, type FakeFault } from "./faults.js";
import type { FakeRecords, FakeSeed, FakeTenantOptions, FakeUser } from "./options.js";
import type { ReceivedRequest } from "./received-request.js";
import { isOperationId } from "./operation-table.js";
import { Records } from "./records.js";
import { storeSeed } from "./seeding.js";
import { serve, type ServeContext } from "./serve.js";
import { deepFreeze, liveState, storedState } from "./snapshots.js";

/** A fake iwERP tenant: a `fetch` that answers the chat API from records in memory, and handles on its state. */
export interface FakeTenant {
  /**
   * A `fetch` that serves every operation of the spec from the fake's records, for `createChatClient({ fetch })`
   * and `login({ fetch })`. Any origin works (`https://acme.iw-erp.de`); the path must be the spec's. Nothing
   * goes over the network.
   */
  readonly fetch: typeof fetch;
  /**
   * The records as they are now, each in full form (deleted ones included, with `deleted: true`): read-only
   * copies made when a collection is read, so they never change under a test.
   * @example
   * expect(tenant.state.participants.map((p) => p.first_name)).toContain("Grace");
   */
  readonly state: FakeRecords;
  /** A staff session token the fake accepts: the first of `options.sessions` (default `FAKE_SESSION_TOKEN`). Throws when there is none. */
  readonly sessionToken: string;
  /**
   * A customer's session token the fake accepts, for the customer portal (`/api/cp/…`): the first of
   * `options.customerSessions` (default `FAKE_CUSTOMER_SESSION_TOKEN`). Throws when there is none.
   */
  readonly customerSessionToken: string;
  /** An API key the fake accepts (as `x-iw-jwt-token`): the first of `options.apiKeys` (default `FAKE_API_KEY`). Throws when there is none. */
  readonly apiKey: string;
  /**
   * Every request received since creation or `reset()`, oldest first, with the status answered (secret fields
   * of bodies redacted).
   * @example
   * expect(tenant.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["POST /api/chat/chatroom_participant 200"]);
   */
  readonly requests: readonly ReceivedRequest[];
  /**
   * Makes the next calls of the operation `operationId` fail (or wait): a status with the iwERP error headers
   * (and `Retry-After`), a broken connection, or a delay. Faults queue up: each is used up before the next.
   * @example
   * tenant.fail("post_chatroom_participant_post", { status: 503, retryAfter: 1 }); // the client waits 1 s, retries and succeeds
   */
  fail(operationId: OperationId, fault: FakeFault): void;
  /**
   * Adds records, as a seed does (e.g. a message, which no operation creates): ids are assigned when left
   * out, `created`/`updated` from the clock. Throws a TypeError, storing nothing, when a record is invalid.
   * @returns the records added, in full form.
   * @example
   * const { messages: [message] } = tenant.insert({ messages: [{ chatroom: { id: 42 }, participant: { id: 42 }, message_text: "Hi" }] });
   */
  insert(records: FakeSeed): FakeRecords;
  /** Stops accepting a session token, staff or customer (to test how the app logs in again); true when it was accepted. */
  endSession(token: string): boolean;
  /** Stops accepting an API key (to test what the app does when its key is revoked: 401 from then on); true when it was accepted. */
  revokeApiKey(key: string): boolean;
  /**
   * Goes back to how the fake started: the seed, the clock (the default one, or one from `createSteppingClock`; a
   * clock function of your own goes on as it is), the ids, the sessions and API keys; no faults, no requests.
   */
  reset(): void;
}

/** Throws a TypeError naming `name` unless `tokens` is left out or a list of non-empty strings. */
function checkTokens(name: string, tokens: unknown, what: string): void {
  if (tokens !== undefined && (!Array.isArray(tokens) || tokens.some((token) => typeof token !== "string" || token === ""))) {
    throw new TypeError(`createFakeTenant: ${name} must be a list of non-empty ${what}.`);
  }
}

function checkOptions(options: FakeTenantOptions): void {
  if (options === null || typeof options !== "object") throw new TypeError("createFakeTenant: options must be an object, or left out.");
  const { firstId, users, clock, softErrors } = options;
  if (firstId !== undefined && (!Number.isSafeInteger(firstId) || firstId < 1)) {
    throw new TypeError(`createFakeTenant: firstId must be a whole number from 1 to Number.MAX_SAFE_INTEGER (got ${String(firstId)}).`);
  }
  if (clock !== undefined && typeof clock !== "function") throw new TypeError("createFakeTenant: clock must be a function that returns the time.");
  if (users !== undefined && users !== "anyone" && (!Array.isArray(users) || users.some((u: FakeUser) => typeof u?.username !== "string" || typeof u.password !== "string"))) {
    throw new TypeError('createFakeTenant: users must be a list of { username, password } with string values, or "anyone".');
  }
  checkTokens("sessions", options.sessions, "session tokens");
  checkTokens("customerSessions", options.customerSessions, "session tokens");
  checkTokens("apiKeys", options.apiKeys, "API keys");
  if (softErrors !== undefined && typeof softErrors !== "boolean") throw new TypeError(`createFakeTenant: softErrors must be true or false (got ${String(softErrors)}).`);
}

/** The first of a list of tokens, or an Error that says which option left it empty and what to do. */
function firstOf(token: string | undefined, what: string, option: string, instead: string): string {
  if (token === undefined) throw new Error(`The fake tenant accepts no ${what} (\`${option}: []\`): ${instead}`);
  return token;
}

/**
 * Creates a fake iwERP tenant for an app's own tests: a `fetch` that implements the chat API with state, in
 * memory, on web-standard APIs only (Node.js, Bun, Deno, browsers). Participants added show in lists (with
 * paging, the reference's filters, `deleted`, `searchString`, order), `get` returns what `update` stored,
 * `delete` marks a record `deleted: true`, ids and `created`/`updated` are assigned deterministically, a
 * missing id is 404, missing or unknown credentials 401 and a staff credential on the customer portal (or a
 * customer's on the rest) 403, with `X-IW-ERROR-CODE` / `X-IW-ERROR-JSON`, and a body that breaks the spec
 * 422; with `softErrors: true` every error is HTTP 400 with its code in `X-IW-ERROR-CODE`. Every answer
 * matches the spec. `serveFakeTenant` serves it over HTTP.
 *
 * @throws {TypeError} for bad options or a seed that is not valid against the spec.
 * @example
 * import { createChatClient } from "iwerp-chat-client";
 * import { createFakeTenant } from "iwerp-chat-client/testing";
 *
 * const tenant = createFakeTenant();
 * const chat = createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: tenant.sessionToken, fetch: tenant.fetch });
 * const added = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" }); // id 43
 */
export function createFakeTenant(options: FakeTenantOptions = {}): FakeTenant {
  checkOptions(options);
  const faults = new FaultQueue();
  const start = (): ServeContext => {
    const clock = options.clock ?? createSteppingClock();
    const now = () => isoTime(clock());
    const records = new Records(options.checkReferences ?? true, options.firstId);
    storeSeed(records, options.seed ?? DEFAULT_SEED, now, "createFakeTenant: seed");
    const credentials = new Credentials({
      sessions: options.sessions ?? [FAKE_SESSION_TOKEN],
      customerSessions: options.customerSessions ?? [FAKE_CUSTOMER_SESSION_TOKEN],
      apiKeys: options.apiKeys ?? [FAKE_API_KEY],
    });
    faults.clear();
    return { records, credentials, users: options.users ?? [FAKE_USER], errorStyle: options.softErrors ? "soft" : "real", faults, log: [], now };
  };
  let context = start();
  const fakeFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      return serve(context, input instanceof Request && init === undefined ? input : new Request(input, init));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    fetch: fakeFetch as typeof fetch,
    get state() {
      return liveState(context.records);
    },
    get sessionToken() {
      return firstOf(context.credentials.firstSession, "session token", "sessions", "log in with `login({ fetch: tenant.fetch, … })` first.");
    },
    get customerSessionToken() {
      return firstOf(context.credentials.firstCustomerSession, "customer session token", "customerSessions", "give one in `customerSessions`.");
    },
    get apiKey() {
      return firstOf(context.credentials.firstApiKey, "API key", "apiKeys", "give one in `apiKeys`, or create one with `create_jwt`.");
    },
    get requests() {
      return deepFreeze(structuredClone(context.log));
    },
    fail: (operationId, fault) => {
      if (!isOperationId(operationId)) {
        throw new TypeError(`fail: ${JSON.stringify(operationId)} is not an operationId of the spec, e.g. "post_chatroom_participant_post".`);
      }
      faults.add(operationId, fault);
    },
    insert: (records) => storedState(context.records, storeSeed(context.records, records, context.now, "tenant.insert")),
    endSession: (token) => context.credentials.endSession(token),
    revokeApiKey: (key) => context.credentials.revokeApiKey(key),
    reset: () => {
      // An injected stepping clock starts again too, so a test after reset() sees the times the first one saw.
      restartClock(options.clock);
      context = start();
    },
  };
}
