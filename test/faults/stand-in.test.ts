import { afterEach, describe, expect, test } from "vitest";
import { byPathPrefix, FAULT_HEADER, refusedUrl, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createFakeTenant } from "../../src/testing/index.js";

const started: StandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((standIn) => standIn.close()));
});

async function standIn(options: Parameters<typeof startStandIn>[0] = {}): Promise<StandIn> {
  const server = await startStandIn(options);
  started.push(server);
  return server;
}

const participant = { chatroom: { id: 42 }, first_name: "Ada" };
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", "x-session-token": "t-1", ...headers },
  body: JSON.stringify(body),
});

describe("the stand-in tenant", () => {
  test("without a fake tenant, ok answers with the spec's example, what was sent over it, and the stored fields over all", async () => {
    const server = await standIn({ token: "t-1", stored: { id: 7 } });

    const answer = await fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }));

    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: 7, first_name: "Ada", chatroom: { id: 42 }, participant_type: "string" });
    expect(server.received).toEqual([expect.objectContaining({ method: "POST", path: "/api/chat/chatroom_participant", token: "t-1", fault: "ok", key: "Ada" })]);
  });

  test("without a fake tenant, ok refuses another token (401 with the iwERP headers), a body without its envelope (400) and a path the spec lacks (404)", async () => {
    const server = await standIn({ token: "t-1" });

    const wrongToken = await fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }, { "x-session-token": "t-2" }));
    const noEnvelope = await fetch(`${server.url}/api/chat/chatroom_participant`, post(participant));
    const unknown = await fetch(`${server.url}/api/chat/nothing`, { headers: { "x-session-token": "t-1" } });

    expect([wrongToken.status, wrongToken.headers.get("x-iw-error-code"), noEnvelope.status, unknown.status]).toEqual([401, "401", 400, 404]);
  });

  test("with a fake tenant, ok is the fake's answer: a record created is there to update", async () => {
    const server = await standIn({ tenant: createFakeTenant({ sessions: ["t-1"] }) });

    const created = (await (await fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }))).json()) as { id: number };
    const updated = await fetch(`${server.url}/api/chat/chatroom_participant/${created.id}`, { ...post({ data: { nickname: "ada" } }), method: "PUT" });

    expect(await updated.json()).toMatchObject({ id: created.id, first_name: "Ada", nickname: "ada" });
  });

  test("a request picks its fault by its x-fault header, and the stand-in counts the attempts of each key", async () => {
    const server = await standIn({ token: "t-1" });

    const first = await fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }, { [FAULT_HEADER]: "unavailable-once" }));
    const second = await fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }, { [FAULT_HEADER]: "unavailable-once" }));

    expect([first.status, second.status]).toEqual([503, 200]);
    expect(server.attemptsFor("Ada")).toBe(2);
  });

  test("byPathPrefix takes the fault from the first path segment and answers the rest of the path", async () => {
    const server = await standIn({ token: "t-1", pick: byPathPrefix({ drifted: "drift-id" }) });

    const drifted = await fetch(`${server.url}/drifted/api/chat/chatroom_participant`, post({ data: participant }));
    const ok = await fetch(`${server.url}/ok/api/chat/chatroom_participant`, post({ data: participant }));

    expect((await drifted.json()).id).toEqual(expect.any(String));
    expect((await ok.json()).id).toEqual(expect.any(Number));
  });

  test("with cors, a preflight is allowed the headers it asks for and every answer lets a page read the iwERP error headers", async () => {
    const server = await standIn({ token: "t-1", cors: true });

    const preflight = await fetch(`${server.url}/api/chat/chatroom_participant`, {
      method: "OPTIONS",
      headers: { origin: "http://page.test", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-session-token" },
    });
    const answer = await fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }, { "x-session-token": "t-2" }));

    expect([preflight.status, preflight.headers.get("access-control-allow-headers"), preflight.headers.get("access-control-allow-origin")]).toEqual([204, "content-type,x-session-token", "*"]);
    expect(answer.headers.get("access-control-expose-headers")).toContain("X-IW-ERROR-CODE");
    expect(server.received).toHaveLength(1);
  });

  test("die() leaves the port refusing connections, and a stalled request is cut off", async () => {
    const server = await standIn({ token: "t-1" });
    const stalled = fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }, { [FAULT_HEADER]: "stall" })).catch((error: unknown) => error);
    await server.waitForRequests(1);

    server.die();

    expect(await stalled).toBeInstanceOf(TypeError);
    expect(server.alive()).toBe(false);
    await expect(fetch(`${server.url}/api/chat/chatroom_participant`, post({ data: participant }))).rejects.toThrow(TypeError);
  });

  test("refusedUrl names a port on 127.0.0.1 that refuses connections", async () => {
    const url = await refusedUrl();

    const error = (await fetch(url).catch((failure: unknown) => failure)) as TypeError;

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED");
  });
});
