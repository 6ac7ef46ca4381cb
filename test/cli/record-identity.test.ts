import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHostileTenant, type HostileTenant } from "../support/create-stand-in.js";
import { createSharedProxy, removeKeptLogs, runContractCheck, SKIP_STATIC } from "../support/run-contract-check.js";

/*
 * The spec requires every record the server returns to have its `id`: the live check (Prism's validating proxy in
 * front of the tenant) fails an operation whose answer leaves it out.
 */

let shared: Awaited<ReturnType<typeof createSharedProxy>>;
let tenant: HostileTenant;

/** `value` with every `id` of a record left out, nested records and list items included. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "id").map(([key, inner]) => [key, withoutIds(inner)]));
}

beforeAll(async () => {
  shared = await createSharedProxy();
  // The conforming fake's answers, with the ids of the participant list's items left out; every other answer as it is.
  tenant = await createHostileTenant(async (request, response, fake) => {
    const answer = await fake();
    const body = request.path === "/api/chat/chatroom_participant" && answer.status === 200 ? JSON.stringify(withoutIds(JSON.parse(answer.body))) : answer.body;
    response.writeHead(answer.status, { ...answer.headers, "content-length": String(Buffer.byteLength(body)) }).end(body);
  });
}, 60_000);
afterAll(async () => {
  await tenant?.close();
  await shared?.close();
});

describe("records without their id", () => {
  test("a tenant whose participant list leaves out the items' ids fails that operation, naming id; the others pass", async () => {
    const run = await runContractCheck(["--upstream", tenant.url, "--chatroom-id", "42", ...SKIP_STATIC], { startProxy: shared.startProxy });
    await removeKeptLogs(run.out);

    expect(run.code, run.out + run.err).toBe(1);
    const line = (id: string) => run.out.split("\n").find((text) => text.includes(` ${id} `)) ?? `(no line for ${id})`;
    expect(line("get_chatroom_participant_cget")).toMatch(/✗ FAILED/);
    expect(run.out).toContain("response.body.0: Response body property 0 must have required property 'id'");
    expect(line("get_chatroom_message_cget")).toMatch(/✓ checked/);
  });
});
