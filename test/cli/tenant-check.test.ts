import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { createHostileTenant, createStandIn, CUSTOMER_TOKEN, TOKEN, type StandInTenant } from "../support/create-stand-in.js";
import { createSharedProxy, removeKeptLogs, runContractCheck, SKIP_STATIC, type Run } from "../support/run-contract-check.js";

/*
 * The tenant mode of iwerp-contract, in this process: the client from src/, one Prism proxy for the file,
 * and a fresh stand-in tenant (a fake tenant over HTTP) per test, conforming or breaking the spec.
 */

/** "Creates a new JWT Login Token" is a GET that makes a credential: the check never calls it. */
const MINTS_TOKEN = "get_api_token_create_jwt_action";
const GETS = Object.entries(OPERATIONS).filter(([id, op]) => op.method === "GET" && id !== MINTS_TOKEN).map(([id]) => id);
const ALL = Object.keys(OPERATIONS);

let shared: Awaited<ReturnType<typeof createSharedProxy>>;
let dir: string;
let standIn: StandInTenant | undefined;

beforeAll(async () => {
  [shared, dir] = await Promise.all([createSharedProxy(), mkdtemp(path.join(tmpdir(), "iwerp-tenant-check-"))]);
}, 60_000);
afterAll(async () => {
  await shared?.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

/** Runs the check against `standIn` with the shared proxy, JUnit into the test's folder. */
async function check(args: string[], options: { customer?: boolean; interrupt?: AbortSignal } = {}): Promise<Run & { junit: string; kept: string | undefined }> {
  const junit = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  const run = await runContractCheck(["--upstream", standIn!.url, ...args, "--junit", junit, ...SKIP_STATIC], {
    tokens: options.customer ? { customer: CUSTOMER_TOKEN } : {},
    startProxy: shared.startProxy,
    ...(options.interrupt ? { interrupt: options.interrupt } : {}),
  });
  for (const text of [run.out, run.err]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(CUSTOMER_TOKEN);
  }
  const xml = await readFile(junit, "utf8");
  expect(countsOf(run.out), "the console's counts are the JUnit file's").toEqual(junitCounts(xml));
  expect(xml).not.toContain(TOKEN);
  expect(xml).not.toContain(CUSTOMER_TOKEN);
  // A failed run keeps its logs in a temporary folder and names it; a run that passed leaves none.
  const kept = args.includes("--log-dir") ? undefined : await removeKeptLogs(run.out);
  if (kept !== undefined) expect(path.dirname(kept)).toBe(tmpdir());
  expect(kept === undefined || run.code !== 0).toBe(true);
  return { ...run, junit: xml, kept };
}

/** The summary line's counts: `tests: 9 passed, 0 failed, 13 skipped`. */
function countsOf(out: string): { passed: number; failed: number; skipped: number } {
  const [, passed, failed, skipped] = /tests: (\d+) passed, (\d+) failed, (\d+) skipped\n$/.exec(out) ?? [];
  return { passed: Number(passed), failed: Number(failed), skipped: Number(skipped) };
}

/** The totals of a JUnit file, as the summary line counts them. */
function junitCounts(xml: string): { passed: number; failed: number; skipped: number } {
  const [, tests, failed, skipped] = /<testsuites name="iwerp-contract" tests="(\d+)" failures="(\d+)" skipped="(\d+)">/.exec(xml) ?? [];
  return { passed: Number(tests) - Number(failed) - Number(skipped), failed: Number(failed), skipped: Number(skipped) };
}

/** The report's line of an operation. */
function line(out: string, operationId: string): string {
  return out.split("\n").find((text) => new RegExp(`^ {2}[✓✗-] \\S+.*\\s${operationId}\\s`).test(text)) ?? `(no line for ${operationId})`;
}

/** The names of the JUnit test suites, in order. */
function suites(xml: string): string[] {
  return [...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("read-only (the default)", () => {
  test("reads every GET operation of the spec, sends no POST, PUT or DELETE, and says why the rest was not checked", async () => {
    standIn = await createStandIn();
    const run = await check(["--chatroom-id", "42"], { customer: true });

    expect(run.code, run.out + run.err).toBe(0);
    for (const id of GETS) expect(line(run.out, id)).toMatch(/✓ checked/);
    expect(line(run.out, "get_chatroom_participant_cget")).toMatch(/tests: 1 passed; 1 request/);
    expect(standIn.received.length).toBeGreaterThan(0);
    expect(new Set(standIn.received.map((r) => r.method))).toEqual(new Set(["GET"]));
    expect(standIn.received.find((r) => r.path === "/api/chat/chatroom_participant")?.query).toBe("?pageSize=5");
    // The customer-portal GET went with the customer's token, every other call with the staff token.
    expect(standIn.received.filter((r) => r.path.startsWith("/api/cp/")).every((r) => r.token === CUSTOMER_TOKEN)).toBe(true);
    expect(standIn.received.filter((r) => !r.path.startsWith("/api/cp/")).every((r) => r.token === TOKEN)).toBe(true);
    expect(run.out).toMatch(/- not checked {2}post_chatroom_participant_post .*\n {6}writes are off: with --allow-writes --chatroom-id ID/);
    expect(run.out).toMatch(/- not checked {2}put_chatroom_put .*\n {6}it would change a chatroom this run did not create/);
    expect(run.out).toMatch(/- not checked {2}post_post_login .*\n {6}logging in needs a user's password/);
    expect(run.out).toMatch(/- not checked {2}get_api_token_create_jwt_action .*\n {6}it mints a new API token on the tenant \(a GET that creates a credential the check could not delete\); the check creates no credentials/);
    expect(standIn.received.some((r) => r.path === "/api/base/api_token/create_jwt")).toBe(false);
    expect(run.out).toContain("Records: none created (a read-only run sends no POST, PUT or DELETE).");
    expect(run.out).toMatch(/Result: PASS — operations: 7 checked \(0 failed\), 10 not checked; tests: \d+ passed, 0 failed, 13 skipped\n$/);
    expect(run.out).not.toMatch(/^Logs/m);

    expect(suites(run.junit)).toEqual(["static checks", ...ALL]);
    expect(run.junit).toMatch(/<testsuite name="post_post_login" tests="1" failures="0" errors="0" skipped="1"[^>]*>\n\s+<testcase [^>]*name="not checked"[^>]*>\n\s+<skipped message="logging in needs/);
    // Skipped: the 10 operations not checked, and the 3 static checks (--skip).
    expect(run.junit).toMatch(/<testsuites name="iwerp-contract" tests="\d+" failures="0" skipped="13">/);
  });

  test("without a customer session or a chat room, says which reads it could not make and why, and does not count them as passed", async () => {
    standIn = await createStandIn();
    const run = await check([]);

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/- not checked {2}get_customer_chatroom_message_get .*\n {6}a customer-portal operation: it runs when a customer's session token is given in IWERP_CUSTOMER_SESSION_TOKEN/);
    // The chat room's id came from a message read, since no list names chat rooms.
    expect(run.out).toMatch(/✓ checked {6}get_chatroom_get/);
    expect(run.out).toMatch(/Result: PASS — operations: 6 checked \(0 failed\), 11 not checked;/);
    expect(run.junit).toMatch(/<testsuite name="get_customer_chatroom_message_get" tests="1" failures="0" errors="0" skipped="1"[^>]*>\n\s+<testcase [^>]*name="not checked"[^>]*>\n\s+<skipped message="a customer-portal operation/);
  });

  test("an operation whose records it cannot find is not checked, with the reason", async () => {
    standIn = await createStandIn();
    // Every reaction deleted: the list answers an empty page, and no message lists one.
    await fetch(`${standIn.url}/api/chat/chatroom_message_reaction/42`, { method: "DELETE", headers: { "x-session-token": TOKEN } });
    const run = await check([]);

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/- not checked {2}get_chatroom_message_reaction_get .*\n {6}no chatroom_message_reaction to read: none of the lists and records read names one/);
    expect(run.out).toMatch(/✓ checked {6}get_chatroom_message_reaction_cget/);
    expect(run.junit).toMatch(/<testsuite name="get_chatroom_message_reaction_get" tests="1" failures="0" errors="0" skipped="1"/);
  });

  test("a GET answered with an id as a string fails, naming the violation's path and what the tenant really answered", async () => {
    standIn = await createStandIn({ variant: "drifting" });
    const logs = path.join(dir, "drifting-logs");
    const run = await check(["--chatroom-id", "42", "--log-dir", logs]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(/✗ FAILED {7}get_chatroom_get .*\(tests: 1 failed; 1 request\)\n {6}✗ reads chatroom 42 \(id from --chatroom-id\)\n/);
    expect(run.out).toMatch(
      /GET \/api\/chat\/chatroom\/42: the tenant answered 200 application\/json \(\d+ bytes\); Prism answered 500 in its place, for:\n\s+response\.body\.id: Response body property id must be integer {2}\[Prism Error\]/,
    );
    expect(run.out).toMatch(/Result: FAIL \(operations failed: get_chatroom_get\) — operations: 6 checked \(1 failed\), 11 not checked; tests: \d+ passed, 1 failed, 14 skipped/);
    expect(run.out).toContain(`Logs (Prism's log, the exchanges with the tenant): ${logs}`);
    expect(await readdir(logs)).toContain("tenant-exchanges.jsonl");
    expect(run.junit).toMatch(/<testsuite name="get_chatroom_get" tests="1" failures="1"[^>]*>\n\s+<testcase [^>]*>\n\s+<failure message="GET \/api\/chat\/chatroom\/42: the tenant answered 200 application\/json/);
  });

  test("a GET answered with a documented 404, or a soft 400 with code 404 (X-IW-ERROR-* headers), conforms: the operation passes and the report says what the tenant answered", async () => {
    standIn = undefined;
    const hostile = await createHostileTenant(async (request, response, fake) => {
      if (request.method === "GET" && request.path === "/api/chat/chatroom/42") {
        response.writeHead(404, { "x-iw-error-code": "404", "x-iw-error-json": '["Chatroom 42 not found"]' }).end();
        return;
      }
      if (request.method === "GET" && request.path === "/api/chat/chatroom_message_reaction/42") {
        response.writeHead(400, { "content-type": "application/json", "x-iw-error-code": "404", "x-iw-error-json": '["ChatroomMessageReaction 42 not found"]' }).end("{}");
        return;
      }
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    try {
      const run = await runContractCheck(["--upstream", hostile.url, "--chatroom-id", "42", ...SKIP_STATIC], { tokens: {}, startProxy: shared.startProxy });

      expect(run.code, run.out + run.err).toBe(0);
      expect(run.out).toMatch(/✓ checked {6}get_chatroom_get .*\(tests: 1 passed; 1 request\)\n {6}✓ reads chatroom 42 \(id from --chatroom-id\): the tenant answered 404, a status the spec documents for get_chatroom_get \(200, 400, 401, 403, 404\)/);
      expect(run.out).toMatch(
        /✓ checked {6}get_chatroom_message_reaction_get .*\n {6}✓ reads chatroom_message_reaction 42 .*: the tenant answered 400, a status the spec documents for get_chatroom_message_reaction_get \(200, 400, 401, 403, 404\): .*\(iwERP code 404\)/,
      );
      expect(run.out).toMatch(/Result: PASS/);
      await removeKeptLogs(run.out);
    } finally {
      await hostile.close();
    }
  });

  test("a tenant that goes away mid-run fails the run; what it could not reach is not checked, never passed", async () => {
    standIn = await createStandIn({ variant: "dying", dieAt: 3 });
    const run = await check([]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(line(run.out, "get_chatroom_message_reaction_cget")).toMatch(/✗ FAILED/);
    expect(run.out).toMatch(/GET \/api\/chat\/chatroom_message_reaction\?pageSize=5: the tenant did not answer: /);
    expect(run.out).toMatch(/- not checked {2}get_chatroom_message_get .*\n {6}not reached: the tenant did not answer/);
    expect(run.out).toMatch(/Result: FAIL \(operations failed: get_chatroom_message_reaction_cget; stopped early: the tenant did not answer [^)]*\)\) — operations: 3 checked \(1 failed\), 14 not checked; tests: 2 passed, 2 failed, 17 skipped/);
    expect(run.junit).toMatch(/<testsuite name="the run" tests="1" failures="1"[^>]*>\n.*\n\s+<failure message="stopped early: the tenant did not answer/);
  });
});

describe("--allow-writes --chatroom-id 42", () => {
  test("creates, updates, reads back and deletes its records, and leaves none behind", async () => {
    standIn = await createStandIn();
    const run = await check(["--allow-writes", "--chatroom-id", "42"], { customer: true });

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/✓ checked {6}post_chatroom_participant_post/);
    expect(run.out).toMatch(/✓ checked {6}put_chatroom_participant_put/);
    expect(run.out).toMatch(/✓ checked {6}delete_chatroom_participant_delete/);
    expect(run.out).toMatch(/✓ checked {6}post_customer_chatroom_message_reaction_post/);
    expect(run.out).toMatch(/✓ checked {6}delete_chatroom_message_reaction_delete/);
    expect(run.out).toContain("Records: created 2, deleted 2.");
    expect(run.out).toMatch(/Result: PASS — operations: 12 checked \(0 failed\), 5 not checked;/);
    // Never a change to a record it did not create: its PUTs and DELETEs name only the ids it created.
    const created = standIn.createdByRun();
    expect(created).toEqual([
      { collection: "participants", id: 43, deleted: true },
      { collection: "reactions", id: 43, deleted: true },
    ]);
    const writes = standIn.received.filter((r) => r.method === "PUT" || r.method === "DELETE").map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual(["PUT /api/chat/chatroom_participant/43", "DELETE /api/chat/chatroom_message_reaction/43", "DELETE /api/chat/chatroom_participant/43"]);
    // The update's value was read back from the tenant.
    const participant = standIn.tenant.state.participants.find((p) => p.id === 43);
    expect(participant?.last_name).toMatch(/^contract check \d{8}T\d{6} [0-9a-f]{4} \(updated\)$/);
    expect(run.out).toMatch(/✓ checked {6}get_chatroom_participant_cget .*\(tests: 2 passed; 2 requests\)/);
    expect(run.junit).toMatch(/<testsuite name="records created on the tenant" tests="1" failures="0"[^>]*>\n\s+<testcase [^>]*name="every record the run created was deleted"[^>]*\/>\n\s+<system-out>Records: created 2, deleted 2.<\/system-out>/);
  });

  test("a create answered 201 fails with what the tenant sent, and the record is still deleted", async () => {
    standIn = await createStandIn({ variant: "created-201" });
    const run = await check(["--allow-writes", "--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /✗ FAILED {7}post_chatroom_participant_post .*\n {6}✗ creates a chatroom_participant in chat room 42\n {10}POST \/api\/chat\/chatroom_participant: the tenant answered 201 application\/json \(\d+ bytes\); Prism answered 500 in its place, for:\n {12}response: Unable to match the returned status code with those defined in the document: 200,400,401,403,422 {2}\[Prism Error\]/,
    );
    expect(run.out).toContain("Records: created 1, deleted 1.");
    expect(standIn.createdByRun()).toEqual([{ collection: "participants", id: 43, deleted: true }]);
    expect(run.out).toMatch(/Result: FAIL \(operations failed: post_chatroom_participant_post\)/);
    expect(run.kept, "the report names the temporary folder of the logs").toMatch(/iwerp-contract-/);
    expect(run.junit).toMatch(/<testsuite name="post_chatroom_participant_post" tests="1" failures="1"[^>]*>\n\s+<testcase [^>]*>\n\s+<failure message="POST \/api\/chat\/chatroom_participant: the tenant answered 201 application\/json/);
    expect(run.junit).toMatch(/name="every record the run created was deleted"[^>]*\/>/);
  });

  test("a tenant that goes away after a create lists the record it could not delete, with its id", async () => {
    // Six reads, the create (7), then the update (8) finds the tenant gone.
    standIn = await createStandIn({ variant: "dying", dieAt: 8 });
    const run = await check(["--allow-writes", "--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(/Records: created 1, deleted 0\. Left on the tenant, to remove in iwERP by hand:\n {2}- chatroom_participant 43 in chat room 42, created by POST \/api\/chat\/chatroom_participant: DELETE \/api\/chat\/chatroom_participant\/43: the tenant did not answer/);
    expect(run.out).toMatch(/Result: FAIL \(operations failed: put_chatroom_participant_put, delete_chatroom_participant_delete; stopped early: [^;]*; 1 record left on the tenant\)/);
    // What the stand-in still holds is exactly what the report lists.
    expect(standIn.createdByRun().filter((r) => !r.deleted)).toEqual([{ collection: "participants", id: 43, deleted: false }]);
    expect(run.junit).toMatch(/<testcase [^>]*name="every record the run created was deleted"[^>]*>\n\s+<failure message="Records: created 1, deleted 0/);
  });

  test("interrupted while a write is pending, it deletes what it created and exits with 130", async () => {
    const interrupt = new AbortController();
    standIn = await createStandIn({
      onRequest: (request) => {
        if (request.method === "PUT") interrupt.abort("SIGINT");
      },
    });
    const run = await check(["--allow-writes", "--chatroom-id", "42"], { interrupt: interrupt.signal });

    expect(run.code, run.out + run.err).toBe(130);
    expect(run.out).toContain("Records: created 1, deleted 1.");
    expect(standIn.createdByRun()).toEqual([{ collection: "participants", id: 43, deleted: true }]);
    expect(run.out).toMatch(/- not checked {2}put_chatroom_participant_put .*\n {6}the run was interrupted/);
    expect(run.out).toMatch(/Result: FAIL \(stopped early: the run was interrupted\)/);
    expect(run.junit).toMatch(/<testcase [^>]*name="updates chatroom_participant 43, which this run created"[^>]*>\n\s+<skipped message="the run was interrupted"/);
    expect(run.junit).toMatch(/<failure message="stopped early: the run was interrupted"/);
  });

  test("Ctrl-C while the tenant is still answering the POST: the run waits for its answer, then deletes the new record and reports it", async () => {
    const interrupt = new AbortController();
    standIn = await createStandIn({
      onRequest: (request) => {
        // The signal comes once the POST has reached the tenant and before it answers.
        if (request.method === "POST") interrupt.abort("SIGINT");
      },
    });
    const run = await check(["--allow-writes", "--chatroom-id", "42"], { interrupt: interrupt.signal });

    expect(run.code, run.out + run.err).toBe(130);
    expect(standIn.createdByRun()).toEqual([{ collection: "participants", id: 43, deleted: true }]);
    expect(run.out).toContain("Records: created 1, deleted 1.");
    expect(run.out).toMatch(/- not checked {2}post_chatroom_participant_post .*\n {6}the run was interrupted/);
    expect(run.out).toMatch(/✓ checked {6}delete_chatroom_participant_delete/);
    expect(standIn.received.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/chat/chatroom_participant", "DELETE /api/chat/chatroom_participant/43"]);
    expect(run.out).toMatch(/Result: FAIL \(stopped early: the run was interrupted\)/);
  });

  test("a create whose answer never comes is listed as a record that may exist, with where to look", async () => {
    // Six reads, then the POST (7) finds the tenant gone before it answers.
    standIn = await createStandIn({ variant: "dying", dieAt: 7 });
    const run = await check(["--allow-writes", "--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /Records: created 0, deleted 0\. Left on the tenant, to remove in iwERP by hand:\n {2}- a chatroom_participant \(id unknown\) in chat room 42, created by POST \/api\/chat\/chatroom_participant: the connection broke before the tenant answered \([^)]*\): it may have created it; look for a participant named "iwerp-contract contract check \d{8}T\d{6} [0-9a-f]{4}"/,
    );
    expect(run.out).toMatch(/Result: FAIL \(.*1 record left on the tenant\)/);
  });
});
