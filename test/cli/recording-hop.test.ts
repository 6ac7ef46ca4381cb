import { afterEach, expect, test } from "vitest";
import { createRecordingHop, EXCHANGE_HEADER, type RecordingHop } from "../../scripts/contract-check/tenant/recording-hop.mjs";
import { createStandIn, TOKEN, type StandInTenant } from "../fixtures/create-stand-in.js";

/*
 * The recording hop between Prism and the tenant, on its own: it notes what the tenant really answered, and in
 * a read-only run it is the guard that no write reaches the tenant.
 */

let hop: RecordingHop | undefined;
let standIn: StandInTenant | undefined;
afterEach(async () => {
  await Promise.all([hop?.close(), standIn?.close()]);
  hop = standIn = undefined;
});

const headers = { "x-session-token": TOKEN, "content-type": "application/json" };

test("in a read-only run it answers every POST, PUT and DELETE itself: the tenant receives none of them", async () => {
  standIn = await createStandIn();
  hop = await createRecordingHop({ upstream: standIn.url, allowWrites: false });
  const body = JSON.stringify({ data: { chatroom: { id: 42 }, first_name: "Eve" } });
  const answers = await Promise.all([
    fetch(`${hop.url}/api/chat/chatroom_participant`, { method: "POST", headers, body }),
    fetch(`${hop.url}/api/chat/chatroom_participant/42`, { method: "PUT", headers, body }),
    fetch(`${hop.url}/api/chat/chatroom_participant/42`, { method: "DELETE", headers }),
    fetch(`${hop.url}/api/chat/chatroom/42`, { headers: { ...headers, [EXCHANGE_HEADER]: "7" } }),
  ]);

  expect(answers.map((answer) => answer.status)).toEqual([405, 405, 405, 200]);
  expect(standIn.methods()).toEqual({ GET: 1 });
  expect(hop.records.filter((record) => record.blocked).map((record) => record.method).sort()).toEqual(["DELETE", "POST", "PUT"]);
  // What the tenant answered, under the exchange's tag, which the tenant never sees.
  expect(await hop.record("7")).toMatchObject({ method: "GET", path: "/api/chat/chatroom/42", status: 200, contentType: "application/json" });
  expect(standIn.received[0]?.headers).toContain("x-session-token");
  expect(standIn.received[0]?.headers).not.toContain(EXCHANGE_HEADER);
});

test("a tenant that cannot be reached is recorded as an error, and the connection to Prism ends without an answer", async () => {
  standIn = await createStandIn();
  const gone = standIn.url;
  await standIn.close();
  hop = await createRecordingHop({ upstream: gone, allowWrites: true });
  const failure = await fetch(`${hop.url}/api/chat/chatroom/42`, { headers: { ...headers, [EXCHANGE_HEADER]: "1" } }).catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(TypeError);
  expect((await hop.record("1"))?.error).toMatch(/ECONNREFUSED/);
});
