import { once } from "node:events";
import { afterEach, expect, test } from "vitest";
import { createRecordingHop, EXCHANGE_HEADER, type RecordingHop } from "../../scripts/contract-check/tenant/recording-hop.mjs";
import { DEFAULTS } from "../../src/core/defaults.js";
import { createHostileTenant, createStandIn, streamBody, TOKEN, type HostileTenant, type StandInTenant } from "../support/create-stand-in.js";

/*
 * The recording hop between Prism and the tenant, on its own: it notes what the tenant really answered, and in
 * a read-only run it is the guard that no write reaches the tenant.
 */

let hop: RecordingHop | undefined;
let standIn: StandInTenant | undefined;
let tenant: HostileTenant | undefined;
afterEach(async () => {
  await Promise.all([hop?.close(), standIn?.close(), tenant?.close()]);
  hop = standIn = tenant = undefined;
});

const headers = { "x-session-token": TOKEN, "content-type": "application/json" };

test("in a read-only run it answers every POST, PUT and DELETE itself: the tenant receives none of them", async () => {
  standIn = await createStandIn();
  hop = await createRecordingHop({ upstream: standIn.url, allowWrites: false, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const body = JSON.stringify({ data: { chatroom: { id: 42 }, first_name: "Eve" } });
  const answers = await Promise.all([
    fetch(`${hop.url}/api/chat/chatroom_participant`, { method: "POST", headers, body }),
    fetch(`${hop.url}/api/chat/chatroom_participant/42`, { method: "PUT", headers, body }),
    fetch(`${hop.url}/api/chat/chatroom_participant/42`, { method: "DELETE", headers }),
    fetch(`${hop.url}/api/chat/chatroom/42`, { headers: { ...headers, [EXCHANGE_HEADER]: "7" } }),
  ]);

  expect(answers.map((answer) => answer.status)).toEqual([405, 405, 405, 200]);
  expect(standIn.received.map((r) => r.method)).toEqual(["GET"]);
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
  hop = await createRecordingHop({ upstream: gone, allowWrites: true, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const failure = await fetch(`${hop.url}/api/chat/chatroom/42`, { headers: { ...headers, [EXCHANGE_HEADER]: "1" } }).catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(TypeError);
  expect((await hop.record("1"))?.error).toMatch(/ECONNREFUSED/);
});

test("it stops reading an answer at the limit: the tenant is cut off before it has sent it all, and Prism gets the hop's 502 instead", async () => {
  let sent: Promise<boolean> | undefined;
  const chunk = Buffer.alloc(64 * 1024, " ");
  tenant = await createHostileTenant((_request, response) => {
    // 64 MiB without a declared length, so the hop has to count; far more than the socket buffers hold.
    response.writeHead(200, { "content-type": "application/json" });
    sent = streamBody(response, Array.from({ length: 1024 }, () => chunk));
  });
  hop = await createRecordingHop({ upstream: tenant.url, allowWrites: false, maxResponseBytes: 1024 * 1024 });
  const answer = await fetch(`${hop.url}/api/chat/chatroom_participant`, { headers: { ...headers, [EXCHANGE_HEADER]: "1" } });

  expect(answer.status).toBe(502);
  expect(await answer.text()).toBe("iwerp-contract: the tenant's answer is larger than 1048576 bytes, the limit");
  expect(await hop.record("1")).toMatchObject({ status: 200, tooLarge: 1024 * 1024 });
  expect((await hop.record("1"))?.bytes).toBeUndefined();
  expect(await sent, "the tenant sent its whole answer: the hop read on").toBe(false);
});

test("it follows no redirect and passes none on: Prism gets the hop's 502, and the status and Location are recorded", async () => {
  const witness = await createHostileTenant((_request, response) => void response.end("[]"));
  tenant = await createHostileTenant((_request, response) => void response.writeHead(307, { location: `${witness.url}/steal` }).end());
  hop = await createRecordingHop({ upstream: tenant.url, allowWrites: true, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const answers = await Promise.all(
    ["GET", "POST"].map((method, i) => fetch(`${hop!.url}/api/chat/chatroom_participant`, { method, headers: { ...headers, [EXCHANGE_HEADER]: `${i}` }, redirect: "manual" })),
  );
  await witness.close();

  expect(answers.map((answer) => [answer.status, answer.headers.get("location")])).toEqual([
    [502, null],
    [502, null],
  ]);
  expect(await hop.record("0")).toMatchObject({ status: 307, redirect: true, location: `${witness.url}/steal` });
  expect(witness.received).toEqual([]);
});

test("it passes on no Content-Type that is not a media type: Prism gets the hop's 502, and the answer is still read, a created record's id included", async () => {
  tenant = await createHostileTenant((_request, response) => void response.writeHead(201, { "content-type": 'application/json; charset="utf-8' }).end('{"id":7}'));
  hop = await createRecordingHop({ upstream: tenant.url, allowWrites: true, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const answer = await fetch(`${hop.url}/api/chat/chatroom_participant`, { method: "POST", headers: { ...headers, [EXCHANGE_HEADER]: "1" }, body: "{}" });

  expect(answer.status).toBe(502);
  expect(await answer.text()).toBe("iwerp-contract: the tenant's Content-Type is not a media type, which Prism cannot read");
  expect(await hop.record("1")).toMatchObject({ status: 201, contentType: 'application/json; charset="utf-8', badContentType: true, body: '{"id":7}' });
});

test("it passes on a Content-Type with quoted and spaced parameters as it came", async () => {
  tenant = await createHostileTenant((_request, response) => void response.writeHead(200, { "content-type": 'application/json ; charset = "utf-8"' }).end("[]"));
  hop = await createRecordingHop({ upstream: tenant.url, allowWrites: false, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const answer = await fetch(`${hop.url}/api/chat/chatroom_participant`, { headers: { ...headers, [EXCHANGE_HEADER]: "1" } });

  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toBe('application/json ; charset = "utf-8"');
  expect((await hop.record("1"))?.badContentType).toBeUndefined();
});

test("it drops an sl-violations header the tenant sent itself and notes that it did", async () => {
  tenant = await createHostileTenant(async (_request, response, fake) => {
    const answer = await fake();
    response.writeHead(answer.status, { ...answer.headers, "sl-violations": '[{"message":"forged"}]' }).end(answer.body);
  });
  hop = await createRecordingHop({ upstream: tenant.url, allowWrites: false, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const answer = await fetch(`${hop.url}/api/chat/chatroom/42`, { headers: { ...headers, [EXCHANGE_HEADER]: "1" } });

  expect(answer.status).toBe(200);
  expect(answer.headers.get("sl-violations")).toBeNull();
  expect(await hop.record("1")).toMatchObject({ status: 200, ownViolations: true });
});

test("closing it ends the requests still waiting for the tenant: the connection to the tenant closes and the record says why, without waiting for the tenant's time limit", async () => {
  let held: import("node:http").ServerResponse | undefined;
  tenant = await createHostileTenant((_request, response) => {
    // Never answers, as a tenant that hangs; the hop's own limit is 30 s.
    held = response;
  });
  hop = await createRecordingHop({ upstream: tenant.url, allowWrites: false, maxResponseBytes: DEFAULTS.maxResponseBytes });
  const pending = fetch(`${hop.url}/api/chat/chatroom/42`, { headers: { ...headers, [EXCHANGE_HEADER]: "1" } }).catch((error: unknown) => error);
  await tenant.waitForRequests(1);
  const closing = hop;
  hop = undefined;
  const closed = once(held!, "close");
  await closing.close();

  await closed;
  expect((await closing.record("1"))?.error).toBe("the check stopped before the tenant answered");
  expect(await pending).toBeInstanceOf(TypeError);
});
