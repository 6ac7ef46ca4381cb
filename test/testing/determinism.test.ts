import { describe, expect, test } from "vitest";
import { createChatClient } from "../../src/index.js";
import { createFakeTenant, createSteppingClock, type FakeTenantOptions } from "../../src/testing/index.js";
import { BASE_URL, checkedFetch } from "../support/create-fake-client.js";

/** The same few writes against a fresh fake; returns everything the fake answered and holds. */
async function script(options: FakeTenantOptions = {}) {
  const tenant = createFakeTenant(options);
  const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch: checkedFetch(tenant), logger: false });
  const portal = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.customerSessionToken, fetch: checkedFetch(tenant), logger: false });
  const grace = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" });
  const answers = [
    grace,
    await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Hedy" }),
    await portal.customerPortal.chatroomMessageReactions.add(42, { emoji: "🎉" }),
    await chat.chatroomParticipants.update(grace.id ?? 0, { is_muted: true }),
  ];
  return { tenant, answers, state: structuredClone(tenant.state.participants) };
}

describe("fake tenant: determinism", () => {
  test("two fakes with the same seed assign the same ids and timestamps", async () => {
    const first = await script();
    const second = await script();

    expect(second.answers).toEqual(first.answers);
    expect(second.state).toEqual(first.state);
    expect(first.answers.map((a) => [a.id, "created" in a ? a.created : undefined])).toEqual([
      [43, "2025-05-04T10:00:00Z"],
      [44, "2025-05-04T10:00:01Z"],
      [43, undefined],
      [43, "2025-05-04T10:00:00Z"],
    ]);
    expect(first.answers[3]).toMatchObject({ updated: "2025-05-04T10:00:03Z" });
  });

  test("reset() goes back to the seed: the same writes give the same ids and times again", async () => {
    const { tenant, answers } = await script();
    tenant.reset();
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch: checkedFetch(tenant), logger: false });

    expect(tenant.state.participants.map((p) => p.id)).toEqual([42]);
    expect(await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" })).toEqual(answers[0]);
  });

  test("reset() starts an injected stepping clock again: the same writes give the same times again", async () => {
    const { tenant, answers } = await script({ clock: createSteppingClock("2030-01-01T00:00:00Z", 60_000) });
    tenant.reset();
    const chat = createChatClient({ baseUrl: BASE_URL, sessionToken: tenant.sessionToken, fetch: checkedFetch(tenant), logger: false });

    expect(answers[0]).toMatchObject({ created: "2030-01-01T00:00:00Z" });
    expect(await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" })).toEqual(answers[0]);
  });

  test("reset() leaves a clock of the app's own as it is", async () => {
    let reads = 0;
    const tenant = createFakeTenant({ clock: () => Date.UTC(2030, 0, 1) + 1000 * reads++ });
    tenant.insert({ participants: [{ chatroom: { id: 42 }, first_name: "Grace" }] });
    tenant.reset();

    const [hedy] = tenant.insert({ participants: [{ chatroom: { id: 42 }, first_name: "Hedy" }] }).participants;

    expect(hedy).toMatchObject({ created: "2030-01-01T00:00:01Z" });
  });

  test("firstId chooses where new ids start; an injected clock sets the times", async () => {
    const { answers } = await script({ firstId: 1000, clock: createSteppingClock("2030-01-01T00:00:00Z", 60_000) });

    expect(answers.map((a) => a.id)).toEqual([1000, 1001, 1000, 1000]);
    expect(answers[1]).toMatchObject({ created: "2030-01-01T00:01:00Z" });
  });

  test("a clock may return a Date, an ISO string or epoch milliseconds", async () => {
    for (const reading of [new Date("2031-02-03T04:05:06.789Z"), "2031-02-03T04:05:06.789Z", Date.parse("2031-02-03T04:05:06.789Z")]) {
      const { answers } = await script({ clock: () => reading });
      expect(answers[0]).toMatchObject({ created: "2031-02-03T04:05:06.789Z" });
    }
  });

  test("seeded records without ids or times get them: ids after the highest seeded one, times from the clock", () => {
    const tenant = createFakeTenant({ seed: { chatrooms: [{ name: "B" }, { id: 5, name: "A" }] } });

    expect(tenant.state.chatrooms.map((room) => [room.id, room.name, room.created])).toEqual([
      [5, "A", "2025-05-04T10:00:00Z"],
      [6, "B", "2025-05-04T10:00:00Z"],
    ]);
  });
});
