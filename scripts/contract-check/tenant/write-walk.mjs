// @ts-check
/**
 * The writes of a tenant run (`--allow-writes --chatroom-id N`): each record it creates in chat room N it updates
 * with a value it then reads back, and deletes at the end, whatever happened in between. It never changes or deletes
 * a record it did not create.
 */
import { CheckFailure } from "./checks.mjs";
import { clientFor, CUSTOMER_NEEDED, findOperation, PAGE_SIZE, send } from "./read-walk.mjs";

/**
 * @typedef {import("./read-walk.mjs").WalkContext & { chatroomId: number, marker: string }} WriteContext
 * @typedef {import("./api-map.mjs").ApiOperation} ApiOperation
 * @typedef {{ chatroomId: number, marker: string }} PlanInput
 * @typedef {{
 *   body: (input: PlanInput) => Record<string, unknown>,
 *   change?: (input: PlanInput) => Record<string, unknown>,
 *   lookFor: (input: PlanInput, path: Record<string, string>) => string,
 * }} CreatePlan `body`: what to create; `change`: the update it then makes (when the spec can update it);
 *   `lookFor`: how a person finds the record in iwERP when its id is unknown (`path`: the create's path parameters).
 */

/** What the check creates, by resource; `marker` makes the run's records recognisable in iwERP. */
const CREATE_PLANS = /** @type {Readonly<Record<string, CreatePlan>>} */ ({
  chatroom_participant: {
    body: ({ chatroomId, marker }) => ({ chatroom: { id: chatroomId }, first_name: "iwerp-contract", last_name: marker }),
    // The whole record again, not just the change: whether the tenant merges or replaces is not documented.
    change: ({ chatroomId, marker }) => ({ chatroom: { id: chatroomId }, first_name: "iwerp-contract", last_name: `${marker} (updated)` }),
    lookFor: ({ marker }) => `a participant named "iwerp-contract ${marker}"`,
  },
  chatroom_message_reaction: {
    body: () => ({ emoji: "👍" }),
    lookFor: (_input, path) => `a 👍 reaction on chatroom_message ${Object.values(path).join(", ") || "(unknown)"}`,
  },
});

/** Why the operations of these kinds are never called: the login needs a password, an API token cannot be deleted. */
const NEVER_CALLED = {
  login: "logging in needs a user's password; the check runs on a session token or API key and sends no credentials",
  "api-token": "it mints a new API token on the tenant (a GET that creates a credential the check could not delete); the check creates no credentials",
  other: "the contract check does not know how to call it yet",
};
const WRITES_OFF = "writes are off: with --allow-writes --chatroom-id ID it runs on a record the check creates and then deletes";

/**
 * The plain values of `expected` that `record` lacks, each as a line.
 * @param {unknown} record
 * @param {Record<string, unknown>} expected
 * @returns {string[]}
 */
function wrongFields(record, expected) {
  const actual = /** @type {Record<string, unknown>} */ (record ?? {});
  return Object.entries(expected)
    .filter(([, value]) => value === null || typeof value !== "object")
    .filter(([field, value]) => actual[field] !== value)
    .map(([field, value]) => `${field} is ${JSON.stringify(actual[field])}, not ${JSON.stringify(value)} as sent`);
}

/**
 * Throws a `CheckFailure` when `record` lacks a plain value of `expected`.
 * @param {unknown} record
 * @param {Record<string, unknown>} expected
 * @param {string} what e.g. `the created record`.
 */
function expectFields(record, expected, what) {
  const wrong = wrongFields(record, expected);
  if (wrong.length > 0) throw new CheckFailure(`${what}: ${wrong.join("; ")}`);
}

/** @param {unknown} record @returns {string | undefined} its `id`, if it has one. */
function idOf(record) {
  const id = record !== null && typeof record === "object" ? /** @type {{ id?: unknown }} */ (record).id : undefined;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

/**
 * The id of a record of `resource` in chat room N that a new record can belong to, from its list.
 * @param {WriteContext} context
 * @param {string} resource the parent, e.g. `chatroom_message`.
 * @param {ApiOperation} creating
 * @returns {Promise<string | undefined>}
 */
async function findParent(context, resource, creating) {
  const list = findOperation(context, "list", resource);
  if (!list?.paging) {
    context.checks.notChecked(creating.id, `needs a ${resource} to add a ${creating.resource} to, and the spec has no list of them`);
    return undefined;
  }
  const query = { chatroom: String(context.chatroomId), [list.paging.pageSize]: PAGE_SIZE };
  const found = await context.checks.run(list.id, `lists the ${resource} records of chat room ${context.chatroomId} (to add a ${creating.resource} to one)`, async () =>
    send(context, list, { query }),
  );
  // The first one in chat room N: a tenant that ignores the filter may list another room's first, where the run must not write.
  const inRoom = (/** @type {unknown} */ item) => /** @type {{ chatroom?: { id?: unknown } } | null} */ (item)?.chatroom?.id ?? context.chatroomId;
  const id = Array.isArray(found.value) ? idOf(found.value.find((item) => String(inRoom(item)) === String(context.chatroomId))) : undefined;
  if (id === undefined && found.ran) context.checks.notChecked(creating.id, `no ${resource} in chat room ${context.chatroomId} to add a ${creating.resource} to`);
  return id;
}

/**
 * Reads a record back and checks `expected` in it: by its GET, else by finding it in its list.
 * @param {WriteContext} context
 * @param {string} resource
 * @param {string} id
 * @param {Record<string, unknown>} expected
 * @param {string} when e.g. `after the update`.
 */
async function readBack(context, resource, id, expected, when) {
  const get = findOperation(context, "get", resource);
  const operation = get ?? findOperation(context, "list", resource);
  if (!operation) return;
  await context.checks.run(operation.id, `reads back ${resource} ${id} ${when}`, async () => {
    if (get) return expectFields(await send(context, get, { path: { identifier: id } }), expected, `${resource} ${id} as read back`);
    const pageSize = /** @type {import("./api-map.mjs").Paging} */ (operation.paging).pageSize;
    const query = { chatroom: String(context.chatroomId), orderFieldName: "id", orderFieldSort: "DESC", [pageSize]: 50 };
    const items = await send(context, operation, { query });
    const item = Array.isArray(items) ? items.find((entry) => idOf(entry) === id) : undefined;
    if (item === undefined) throw new CheckFailure(`${resource} ${id} is not in the newest 50 of chat room ${context.chatroomId}`);
    expectFields(item, expected, `${resource} ${id} as listed`);
  });
}

/**
 * What the answer to a create says about the record: `id` when the tenant created it and said its id (also when
 * Prism replaced an answer that broke the spec: the hop saw it); `why` when it may have created it but the id is
 * unknown (a server error, a broken connection), or the record it answered with is not the one sent (another record,
 * which the run must not change or delete); neither when it created nothing (it refused with a 4xx, or the request
 * never reached it).
 * @param {unknown} value what the client returned (only once the check found what was sent in it).
 * @param {import("./exchanges.mjs").Exchange | undefined} exchange the create's exchange; undefined: nothing was sent.
 * @param {Record<string, unknown>} sent the create's body.
 * @returns {{ id?: string, why?: string }}
 */
function createOutcome(value, exchange, sent) {
  const returned = idOf(value);
  if (returned !== undefined) return { id: returned };
  if (exchange === undefined) return {};
  const { tenant } = exchange;
  const status = tenant?.status;
  if (tenant?.blocked) return {};
  if (status !== undefined && status >= 200 && status < 300) {
    if (tenant?.tooLarge !== undefined) return { why: `the tenant answered ${status} with more than ${tenant.tooLarge} bytes, so its id was not read` };
    try {
      const record = JSON.parse(tenant?.body ?? "");
      const id = idOf(record);
      // A record without what was sent is not the new one (a tenant may answer with one it had, e.g. a duplicate's).
      const wrong = id === undefined ? [] : wrongFields(record, sent);
      if (wrong.length > 0) return { why: `the tenant answered ${status} with record ${id}, whose ${wrong.join("; ")}: not the one this run sent, so the check neither changed nor deleted it` };
      if (id !== undefined) return { id };
    } catch {
      // Not JSON: the id stays unknown.
    }
    return { why: `the tenant answered ${status} but gave no id` };
  }
  if (tenant?.redirect) return { why: `the tenant answered ${status} (a redirect, not followed): it may have created it` };
  // A server error says nothing of what was done before it (a gateway's 504 while the tenant went on); iwERP
  // reports its own as a soft 400 with the code in X-IW-ERROR-CODE.
  if (status !== undefined && status >= 500) return { why: `the tenant answered ${status}, a server error: it may have created it` };
  if (status !== undefined && /^5\d\d$/.test(tenant?.errorCode ?? "")) {
    return { why: `the tenant answered ${status} with X-IW-ERROR-CODE ${tenant?.errorCode}, a server error: it may have created it` };
  }
  if (status !== undefined) return {};
  if (tenant?.error !== undefined) {
    return /ECONNREFUSED/.test(tenant.error) ? {} : { why: `the connection broke before the tenant answered (${tenant.error}): it may have created it` };
  }
  // Prism answered itself: the request never reached the tenant.
  if (tenant === undefined && exchange.status !== undefined) return {};
  return { why: `no answer came (${exchange.error ?? "none"}): the tenant may have created it` };
}

/**
 * Creates a record with `create`, notes it in the ledger before it is sent (so a run stopped at once can say that it
 * may exist) and with its id once the tenant says it, then updates it and reads the value back.
 * @param {WriteContext} context
 * @param {import("./ledger.mjs").Ledger} ledger
 * @param {ApiOperation} create
 * @param {CreatePlan} plan
 */
async function createUpdateRead(context, ledger, create, plan) {
  const { checks, chatroomId, marker } = context;
  if (!clientFor(context, create)) return checks.notChecked(create.id, CUSTOMER_NEEDED);
  /** @type {Record<string, string>} */
  const path = {};
  for (const parent of create.parents) {
    const id = await findParent(context, parent.resource, create);
    if (id === undefined) return;
    path[parent.param] = id;
  }
  const where = `in chat room ${chatroomId}`;
  const sent = plan.body({ chatroomId, marker });
  const entry = ledger.sending({ resource: create.resource, where, createdBy: `${create.method} ${create.path}`, lookFor: plan.lookFor({ chatroomId, marker }, path) });
  const created = await checks.run(create.id, `creates a ${create.resource} ${where}`, async ({ skip }) => {
    const record = await send(context, create, { path, body: sent }, { skip, denied: `the customer session may not add a ${create.resource} there` });
    expectFields(record, sent, "the created record");
    return record;
  });
  const outcome = createOutcome(created.value, created.exchanges.at(-1), sent);
  // An id the walk read before this create names a record that existed already: never the new one.
  const seen = outcome.id === undefined ? undefined : context.known.of(create.resource).find((known) => known.id === outcome.id);
  const existed = seen && `the tenant answered with ${create.resource} ${seen.id}, which existed before (read by ${seen.source}): not the new record, so the check neither changed nor deleted it`;
  ledger.settle(entry, existed ? { why: existed } : outcome);
  const id = entry.id;
  if (id === null) return;

  const update = findOperation(context, "update", create.resource);
  if (update && plan.change) {
    const changed = plan.change({ chatroomId, marker });
    const updated = await checks.run(update.id, `updates ${create.resource} ${id}, which this run created`, async () => {
      expectFields(await send(context, update, { path: { identifier: id }, body: changed }), changed, "the updated record");
    });
    if (updated.ran) await readBack(context, create.resource, id, changed, "after the update");
  } else {
    await readBack(context, create.resource, id, sent, "after it was created");
  }
}

/**
 * Creates, updates and reads back a record for every create operation the check has a plan for.
 * @param {WriteContext} context
 * @param {import("./ledger.mjs").Ledger} ledger
 */
export async function walkWrites(context, ledger) {
  for (const create of context.api.filter((op) => op.kind === "create")) {
    const plan = CREATE_PLANS[create.resource];
    if (!plan || context.checks.stopped !== undefined) continue;
    await createUpdateRead(context, ledger, create, plan);
  }
}

/**
 * Says why the write operations (and the login) were not checked: writes off, a record the run did not create,
 * nothing created to update or delete.
 * @param {import("./read-walk.mjs").WalkContext} context
 * @param {boolean} allowWrites
 */
export function explainWrites(context, allowWrites) {
  const { checks } = context;
  const creatable = new Set(context.api.filter((op) => op.kind === "create" && CREATE_PLANS[op.resource]).map((op) => op.resource));
  for (const op of context.api) {
    let why;
    if (op.kind === "login" || op.kind === "api-token" || op.kind === "other") why = NEVER_CALLED[op.kind];
    else if (op.kind !== "create" && op.kind !== "update" && op.kind !== "delete") continue;
    else if (!creatable.has(op.resource)) {
      why = `it would change a ${op.resource} this run did not create (the spec has no operation that creates one); the check changes and deletes only what it created`;
    } else if (!allowWrites) why = WRITES_OFF;
    else if (op.portal && !context.customer) why = CUSTOMER_NEEDED;
    else if (!checks.tested(op.id)) {
      why = checks.stopped ? `not reached: ${checks.stopped}` : `it runs on a ${op.resource} this run created, and none was created`;
    }
    if (why !== undefined) checks.notChecked(op.id, why);
  }
}

/**
 * Deletes every record in the ledger not deleted yet, even after the walk stopped. A record counts as deleted when
 * the tenant answered its DELETE with 2xx, even if the answer broke the spec.
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
