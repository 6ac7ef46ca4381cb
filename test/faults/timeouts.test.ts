import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { AbortError, TimeoutError } from "../../src/index.js";
import { startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createTestClient, rejectionOf, uniqueParticipant } from "../support/create-test-client.js";
import { expectNothingSecret } from "../support/secrets.js";

let server: StandIn;

beforeAll(async () => {
  server = await startStandIn();
});
afterAll(() => server.close());

// Tests that stall the server put the client's clock (setTimeout, Date) under their hand while the network stays
// real: they move it past a limit only once the server has seen the attempt, so an attempt never times out
// before it reached the server, however loaded the machine.
afterEach(() => {
  vi.useRealTimers();
});

describe("timeouts", () => {
  test("a server that stalls past the per-attempt timeout gives a TimeoutError, and the create is not repeated", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = createTestClient(server, "stall", { timeoutMs: 100 });
    const participant = uniqueParticipant();
    const seen = server.received.length;

    const call = rejectionOf(t.client.chatroomParticipants.add(participant));
    await server.waitForRequests(seen + 1);
    await vi.advanceTimersByTimeAsync(100);
    const error = await call;

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ limit: "attempt", timeoutMs: 100, attempts: 1, responseStatus: undefined });
    expect((error as Error).message).toMatch(/exceeded `timeoutMs` \(100 ms\) on attempt 1; raise it if the server is slow\.$/);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expect(t.retries).toEqual([]);
    expectNothingSecret(error, t);
  });

  test("with retryAmbiguous, an attempt that timed out is retried and the next one succeeds", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = createTestClient(server, "stall-once-then-ok", { timeoutMs: 100, retry: { retryAmbiguous: true } });
    const participant = uniqueParticipant();
    const seen = server.received.length;

    const call = t.client.chatroomParticipants.add(participant);
    await server.waitForRequests(seen + 1);
    // The timeout, then the backoff of 1 ms before the second attempt.
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(1);
    const added = await call;

    expect(added.first_name).toBe(participant.first_name);
    expect(server.attemptsFor(participant.first_name)).toBe(2);
    expect(t.retries[0]?.error).toBeInstanceOf(TimeoutError);
  });

  test("the overall deadline cuts the retries short with a TimeoutError of limit deadline", async () => {
    // Attempt 1 ends by its own timeout at 100 ms; after a 1 ms backoff attempt 2 has only 59 ms left, so the deadline ends it.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = createTestClient(server, "stall", { timeoutMs: 100, deadlineMs: 160, retry: { retryAmbiguous: true, maxAttempts: 10 } });
    const participant = uniqueParticipant();
    const seen = server.received.length;

    const call = rejectionOf(t.client.chatroomParticipants.add(participant));
    await server.waitForRequests(seen + 1);
    await vi.advanceTimersByTimeAsync(101);
    await server.waitForRequests(seen + 2);
    await vi.advanceTimersByTimeAsync(59);
    const error = await call;

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ limit: "deadline", timeoutMs: 160, attempts: 2 });
    expect((error as Error).message).toMatch(/exceeded `deadlineMs` \(160 ms\) on attempt 2; raise it/);
    expect(server.attemptsFor(participant.first_name)).toBe(2);
    expectNothingSecret(error, t);
  });

  test("a call's timeoutMs overrides the client's", async () => {
    const t = createTestClient(server, "stall", { timeoutMs: 60_000 });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant(), { timeoutMs: 50 }));

    expect(error).toMatchObject({ name: "TimeoutError", limit: "attempt", timeoutMs: 50 });
  });

  test("a slow trickle of a 200 body past the timeout is a TimeoutError that is not retried even with retryAmbiguous", async () => {
    // The status line came, so the participant exists: repeating the call would add it twice. The body takes 2 s;
    // the status line must come before the timeout, which a loaded machine must not delay past it.
    const t = createTestClient(server, "slow-trickle", { timeoutMs: 1_000, retry: { retryAmbiguous: true } });
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ limit: "attempt", responseStatus: 200, attempts: 1 });
    expect((error as Error).message).toMatch(/while reading the body of the 200 response/);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expect(t.retries).toEqual([]);
    expectNothingSecret(error, t);
  });

  test("a body that trickles in within the timeout is read whole", async () => {
    const t = createTestClient(server, "short-trickle", { timeoutMs: 5_000 });
    const participant = uniqueParticipant();

    const added = await t.client.chatroomParticipants.add(participant);

    expect(added).toMatchObject({ id: 10, first_name: participant.first_name });
  });
});

describe("the caller's AbortSignal", () => {
  test("aborting while the request is in flight gives an AbortError, not a TimeoutError, and no retry", async () => {
    const controller = new AbortController();
    const t = createTestClient(server, "stall", { retry: { retryAmbiguous: true } });
    const participant = uniqueParticipant();
    const seen = server.received.length;

    const call = rejectionOf(t.client.chatroomParticipants.add(participant, { signal: controller.signal }));
    await server.waitForRequests(seen + 1);
    controller.abort();
    const error = await call;

    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect((error as Error).message).toMatch(/was aborted by the caller's signal \(attempt 1\)/);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expect(t.retries).toEqual([]);
    expectNothingSecret(error, t);
  });

  test("a signal that aborted before the call sends nothing", async () => {
    const t = createTestClient(server, "ok");
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant, { signal: AbortSignal.abort() }));

    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ attempts: 0 });
    expect((error as Error).message).toMatch(/aborted by the caller's signal before it was sent/);
    expect(server.attemptsFor(participant.first_name)).toBe(0);
  });
});
