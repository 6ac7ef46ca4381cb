// @ts-check
/**
 * The reads of a tenant run: every list with a small page, then every single-record GET with ids taken from those
 * lists, from the records read since, and from `--chatroom-id`. Only GETs are sent.
 */

/**
 * @typedef {{ request(id: string, input: object, options?: object): Promise<unknown> }} WalkClient `createChatClient`'s.
 * @typedef {{
 *   api: import("./api-map.mjs").ApiOperation[],
 *   checks: import("./checks.mjs").Checks,
 *   staff: WalkClient,
 *   customer: WalkClient | undefined,
 *   known: import("./api-map.mjs").KnownIds,
 *   chatroomId: number | undefined,
 *   interrupt: AbortSignal,
 * }} WalkContext
 */

/** How many items a list is asked for: enough to find ids, few enough to read little of a real tenant. */
export const PAGE_SIZE = 5;

/** How many different ids each single-record GET is tried with. */
const IDS_PER_GET = 2;

/** Why a customer-portal operation does not run without a customer session. */
export const CUSTOMER_NEEDED = "a customer-portal operation: it runs when a customer's session token is given in IWERP_CUSTOMER_SESSION_TOKEN";

/**
 * The client for `operation`: the customer's for the customer portal, else the staff session's.
 * @param {WalkContext} context
 * @param {import("./api-map.mjs").ApiOperation} operation
 */
export function clientFor(context, operation) {
  return operation.portal ? context.customer : context.staff;
}

/**
 * The operation of `kind` on `resource` that a client of this run can call, the staff one first.
 * @param {WalkContext} context
 * @param {string} kind
 * @param {string} resource
 * @returns {import("./api-map.mjs").ApiOperation | undefined}
 */
export function findOperation(context, kind, resource) {
  const matching = context.api.filter((op) => op.kind === kind && op.resource === resource && clientFor(context, op));
  return matching.find((op) => !op.portal) ?? matching[0];
}

/**
 * Calls `operation` with its client, stopped by the run's interrupt. With `portal`, a customer-portal call the session
 * may not make (the client's `PermissionDeniedError`: a 403, or a soft error 400 with `X-IW-ERROR-CODE: 403`) is
 * skipped; the error is known by name, since the client may be another copy of the package.
 * @param {WalkContext} context
 * @param {import("./api-map.mjs").ApiOperation} operation
 * @param {object} input its path, query and body.
 * @param {{ skip: (why: string) => never, denied: string }} [portal] `skip` of the check, and why a 403 skips it.
 */
export async function send(context, operation, input, portal) {
  try {
    return await /** @type {WalkClient} */ (clientFor(context, operation)).request(operation.id, input, { signal: context.interrupt });
  } catch (error) {
    // A customer sees only some records; which, the staff lists do not say.
    if (portal && operation.portal && error instanceof Error && error.name === "PermissionDeniedError") portal.skip(`${portal.denied} (403)`);
    throw error;
  }
}

/** Lists every list operation's first page. @param {WalkContext} context */
async function readLists(context) {
  const { checks, known } = context;
  for (const operation of context.api.filter((op) => op.kind === "list")) {
    if (!clientFor(context, operation) || !operation.paging) {
      checks.notChecked(operation.id, CUSTOMER_NEEDED);
      continue;
    }
    const query = { [operation.paging.pageSize]: PAGE_SIZE };
    await checks.run(operation.id, `lists the first page (pageSize ${PAGE_SIZE})`, async () => {
      const items = await send(context, operation, { query });
      known.harvest(operation.resource, items, operation.id);
      return items;
    });
  }
}

/**
 * Reads records one by one: each GET with up to `IDS_PER_GET` ids of its resource, in passes, since a record read
 * may name records of another resource (a message names its chat room).
 * @param {WalkContext} context
 */
async function readRecords(context) {
  const { checks, known } = context;
  const gets = context.api.filter((op) => op.kind === "get");
  /** @type {Map<string, Set<string>>} */
  const tried = new Map(gets.map((op) => [op.id, new Set()]));
  let progress = true;
  while (progress && checks.stopped === undefined) {
    progress = false;
    for (const operation of gets) {
      const done = /** @type {Set<string>} */ (tried.get(operation.id));
      if (!clientFor(context, operation)) continue;
      for (const { id, source } of known.of(operation.resource)) {
        if (done.size >= IDS_PER_GET || done.has(id) || checks.stopped !== undefined) continue;
        done.add(id);
        progress = true;
        await checks.run(operation.id, `reads ${operation.resource} ${id} (id from ${source})`, async ({ skip }) => {
          const record = await send(context, operation, { path: { identifier: id } }, { skip, denied: `the customer session may not read ${operation.resource} ${id}` });
          known.harvest(operation.resource, record, operation.id);
          return record;
        });
      }
    }
  }
  for (const operation of gets) {
    if (!clientFor(context, operation)) checks.notChecked(operation.id, CUSTOMER_NEEDED);
    else if (tried.get(operation.id)?.size === 0 && checks.stopped === undefined) {
      const hint = operation.resource === "chatroom" ? "; give --chatroom-id ID" : "";
      checks.notChecked(operation.id, `no ${operation.resource} to read: none of the lists and records read names one${hint}`);
    }
  }
}

/** Runs the reads. @param {WalkContext} context */
export async function walkReads(context) {
  if (context.chatroomId !== undefined) context.known.add("chatroom", context.chatroomId, "--chatroom-id");
  await readLists(context);
  await readRecords(context);
}
