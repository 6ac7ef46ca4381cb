import { getEventListeners } from "node:events";
import { expect, test } from "vitest";
import { startStandIn } from "../../scripts/lib/stand-in.mjs";
import { createTestClient, uniqueParticipant } from "../support/create-test-client.js";
import { safetyTimeout } from "../support/safety-timeouts.js";

/** The handles that would betray a leak: timers and sockets (client and server side), counted by type. */
function handles(): { Timeout: number; TCPSocketWrap: number; TCPServerWrap: number } {
  const counts = { Timeout: 0, TCPSocketWrap: 0, TCPServerWrap: 0 };
  for (const type of process.getActiveResourcesInfo()) if (type in counts) counts[type as keyof typeof counts]++;
  return counts;
}

/**
 * Waits until `predicate` holds, checking every few milliseconds, for at most `limitMs`. Sockets in
 * undici's pool close only when they read the server's FIN, which no event of ours reports.
 */
async function eventually(predicate: () => boolean, limitMs = safetyTimeout(30_000)): Promise<void> {
  const until = Date.now() + limitMs;
  while (!predicate() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * "No leak" means, precisely:
 * - timers: once every call has settled, no timer of the client is left (its per-attempt timers are
 *   ref'd, so each leaked one would show as a `Timeout`, as the check in flight proves); undici's own
 *   timers are unref'd and not counted;
 * - listeners: a long-lived caller signal shared by all calls has no `abort` listener left (and had one,
 *   not a thousand, while they ran, so Node warns of no listener leak either);
 * - sockets: undici keeps idle keep-alive connections pooled for reuse while the server keeps them open,
 *   which is not a leak; once the server closes every connection, every client socket must close too,
 *   returning the socket and timer counts to what they were before the test.
 */
test("1,000 concurrent adds all succeed, each reaches the server exactly once, and leave no timer, listener or socket behind", async () => {
  const before = handles();
  const server = await startStandIn();
  const caller = new AbortController();
  // The client's limits only stop a call that hangs: on a loaded machine the thousand answers may take a while.
  const t = createTestClient(server, "ok", { timeoutMs: safetyTimeout(120_000), deadlineMs: safetyTimeout(150_000) });
  const participants = Array.from({ length: 1_000 }, () => uniqueParticipant("load"));

  const calls = participants.map((p) => t.client.chatroomParticipants.add(p, { signal: caller.signal }));
  // The instruments see the client: each call in flight holds a timer; all share one listener on the caller's signal.
  expect(handles().Timeout).toBeGreaterThanOrEqual(before.Timeout + 1_000);
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
  const results = await Promise.allSettled(calls);

  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect(results.map((r) => (r.status === "fulfilled" ? r.value.first_name : undefined))).toEqual(participants.map((p) => p.first_name));
  const seen = new Map<string | undefined, number>();
  for (const request of server.received) seen.set(request.key, (seen.get(request.key) ?? 0) + 1);
  expect(server.received).toHaveLength(1_000);
  expect([...seen.values()].every((count) => count === 1)).toBe(true);
  expect(seen.size).toBe(1_000);
  expect(t.retries).toEqual([]);
  expect(t.lines).toEqual([]);

  // At most as many timers as before: the test runner's own timer may have ended meanwhile.
  expect(handles().Timeout).toBeLessThanOrEqual(before.Timeout);
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);

  await server.close();
  await eventually(() => handles().TCPSocketWrap === before.TCPSocketWrap && handles().TCPServerWrap === before.TCPServerWrap);
  const after = handles();
  expect(after).toEqual({ ...before, Timeout: after.Timeout });
  expect(after.Timeout).toBeLessThanOrEqual(before.Timeout);
}, safetyTimeout(180_000));
