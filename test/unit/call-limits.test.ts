import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { AttemptLimits, waitBetweenAttempts } from "../../src/core/call-limits.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AttemptLimits", () => {
  test("fires the per-attempt timeout after timeoutMs when the deadline is further away", () => {
    const limits = new AttemptLimits(undefined, 100, 1_000);

    vi.advanceTimersByTime(99);
    expect(limits.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);

    expect(limits.firedBy).toBe("attempt");
    expect(limits.signal.reason).toMatchObject({ name: "TimeoutError" });
    limits.dispose();
  });

  test("fires the deadline instead when it comes before the per-attempt timeout", () => {
    vi.setSystemTime(950);
    const limits = new AttemptLimits(undefined, 100, 1_000);

    vi.advanceTimersByTime(50);

    expect(limits.firedBy).toBe("deadline");
    limits.dispose();
  });

  test("fires at once when the deadline has passed", () => {
    vi.setSystemTime(2_000);
    const limits = new AttemptLimits(undefined, 100, 1_000);

    vi.advanceTimersByTime(0);

    expect(limits.firedBy).toBe("deadline");
    limits.dispose();
  });

  test("follows the caller's signal, and the first limit to fire wins", () => {
    const caller = new AbortController();
    const limits = new AttemptLimits(caller.signal, 100, 1_000);

    caller.abort();
    vi.advanceTimersByTime(200);

    expect(limits.firedBy).toBe("caller");
    expect(limits.signal.reason).toMatchObject({ name: "AbortError" });
    limits.dispose();
  });

  test("an already aborted caller's signal fires at once", () => {
    const limits = new AttemptLimits(AbortSignal.abort(), 100, 1_000);

    expect(limits.firedBy).toBe("caller");
    limits.dispose();
  });

  test("dispose leaves no timer and no listener on the caller's signal", () => {
    const caller = new AbortController();
    const limits = new AttemptLimits(caller.signal, 100, 1_000);
    expect(vi.getTimerCount()).toBe(1);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);

    limits.dispose();

    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    caller.abort();
    expect(limits.firedBy).toBeUndefined();
  });

  test("many attempts on one caller signal share one listener, and an abort reaches them all", () => {
    const caller = new AbortController();
    const all = Array.from({ length: 50 }, () => new AttemptLimits(caller.signal, 100, 1_000));
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);

    caller.abort();

    expect(all.map((limits) => limits.firedBy)).toEqual(all.map(() => "caller"));
    for (const limits of all) limits.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  test("the shared listener goes once the last attempt on the signal is disposed, and comes back for the next", () => {
    const caller = new AbortController();
    const first = new AttemptLimits(caller.signal, 100, 1_000);
    const second = new AttemptLimits(caller.signal, 100, 1_000);

    first.dispose();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    second.dispose();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);

    const third = new AttemptLimits(caller.signal, 100, 1_000);
    caller.abort();
    expect(third.firedBy).toBe("caller");
    expect(first.firedBy).toBeUndefined();
    third.dispose();
  });
});

describe("waitBetweenAttempts", () => {
  test("resolves with undefined after the wait and leaves no listener", async () => {
    const caller = new AbortController();
    const wait = waitBetweenAttempts(250, caller.signal);

    await vi.advanceTimersByTimeAsync(250);

    await expect(wait).resolves.toBeUndefined();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  test("resolves early with caller when the caller aborts, and leaves no timer", async () => {
    const caller = new AbortController();
    const wait = waitBetweenAttempts(10_000, caller.signal);

    caller.abort();

    await expect(wait).resolves.toBe("caller");
    expect(vi.getTimerCount()).toBe(0);
  });

  test("resolves at once with caller when the signal had aborted before", async () => {
    await expect(waitBetweenAttempts(10_000, AbortSignal.abort())).resolves.toBe("caller");
    expect(vi.getTimerCount()).toBe(0);
  });
});
