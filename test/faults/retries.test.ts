import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AbortError, AuthenticationError, ConnectionError, RateLimitError, RequestValidationError, ServerError } from "../../src/index.js";
import { createScriptedFetch, dnsFailureFetch } from "../support/create-scripted-fetch.js";
import { refusedUrl as freeRefusedUrl, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createTestClient, rejectionOf, uniqueParticipant } from "../support/create-test-client.js";
import { expectNothingSecret } from "../support/secrets.js";

let server: StandIn;
let refusedUrl: string;

beforeAll(async () => {
  server = await startStandIn();
  refusedUrl = await freeRefusedUrl();
});
afterAll(() => server.close());

describe("retries that are safe by default", () => {
  test("a refused connection is retried up to maxAttempts and ends in a ConnectionError of phase connect", async () => {
    const counting = createScriptedFetch((request) => fetch(request));
    const t = createTestClient(refusedUrl, "ok", { fetch: counting.fetch });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ phase: "connect", errorCode: "ECONNREFUSED", attempts: 3 });
    expect(counting.requests.length).toBe(3);
    expect(t.retries.map((event) => [event.attempt, event.maxAttempts])).toEqual([[1, 3], [2, 3]]);
    expect(t.lines).toEqual([expect.stringMatching(/^info: iwerp-chat: retrying POST .* \(attempt 2 of 3\) after ConnectionError/), expect.any(String)]);
    expectNothingSecret(error, t);
  });

  test("a call whose first connection was refused succeeds on the next attempt and creates the participant once", async () => {
    // The first attempt really goes to a port nothing listens on; the rest go to the server.
    let calls = 0;
    const fetchRefusedOnce: typeof fetch = (input, init) => (++calls === 1 ? fetch(`${refusedUrl}/`, { method: "POST" }) : fetch(input, init));
    const t = createTestClient(server, "ok", { fetch: fetchRefusedOnce });
    const participant = uniqueParticipant();

    const added = await t.client.chatroomParticipants.add(participant);

    expect(added.first_name).toBe(participant.first_name);
    expect(calls).toBe(2);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expect(t.retries).toHaveLength(1);
  });

  test("a host name that does not resolve is retried and ends in a ConnectionError of phase connect", async () => {
    const counting = createScriptedFetch(dnsFailureFetch);
    const t = createTestClient("https://chat.invalid", "ok", { fetch: counting.fetch });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ phase: "connect", errorCode: "ENOTFOUND", attempts: 3 });
    expect((error as Error).message).toMatch(/could not connect \(getaddrinfo ENOTFOUND chat\.invalid\) after 3 attempts\. Nothing was sent\./);
    expect(counting.requests.length).toBe(3);
    expectNothingSecret(error, t);
  });

  test("429 with Retry-After: 0 is retried at once, honouring the header over the backoff", async () => {
    // Were the header ignored, the backoff (5–10 s with these options) would pass the deadline and the call would fail.
    // The deadline leaves the two attempts 4 s, plenty on a loaded machine.
    const t = createTestClient(server, "rate-limited-once", { deadlineMs: 4_000, retry: { initialDelayMs: 60_000 } });
    const participant = uniqueParticipant();

    const added = await t.client.chatroomParticipants.add(participant);

    expect(added.first_name).toBe(participant.first_name);
    expect(server.attemptsFor(participant.first_name)).toBe(2);
    expect(t.retries.map((event) => [event.delayMs, event.error.name])).toEqual([[0, "RateLimitError"]]);
  });

  test("429 with a Retry-After longer than maxDelayMs is not waited for: RateLimitError says when to try again", async () => {
    const t = createTestClient(server, "rate-limited-long");
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, attempts: 1 });
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expect(t.retries).toEqual([]);
    expectNothingSecret(error, t);
  });

  test("503 then 200: the retry succeeds, with one retry event and one log line", async () => {
    const t = createTestClient(server, "unavailable-once");
    const participant = uniqueParticipant();

    const added = await t.client.chatroomParticipants.add(participant);

    expect(added).toMatchObject({ first_name: participant.first_name, chatroom: { id: 42 } });
    expect(server.attemptsFor(participant.first_name)).toBe(2);
    expect(t.retries).toHaveLength(1);
    expect(t.retries[0]?.error).toBeInstanceOf(ServerError);
    expect(t.lines).toEqual([expect.stringMatching(/retrying POST http:\/\/127\.0\.0\.1:\d+\/api\/chat\/chatroom_participant in \d+ ms \(attempt 2 of 3\) after ServerError: .*503/)]);
  });

  test("an onRetry hook that throws does not change the call's outcome: the retry is made and the participant returned", async () => {
    const onRetry = () => {
      throw new TypeError("metrics is not defined");
    };
    const t = createTestClient(server, "unavailable-once", { retry: { onRetry } });
    const participant = uniqueParticipant();

    const added = await t.client.chatroomParticipants.add(participant);

    expect(added).toMatchObject({ first_name: participant.first_name });
    expect(server.attemptsFor(participant.first_name)).toBe(2);
  });

  test("503 every time ends in a ServerError after maxAttempts, honouring a Retry-After date in the past as 0", async () => {
    const t = createTestClient(server, "unavailable-always", { retry: { maxAttempts: 4, initialDelayMs: 60_000 }, deadlineMs: 4_000 });
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, attempts: 4, retryAfterMs: 0 });
    expect(server.attemptsFor(participant.first_name)).toBe(4);
    expect(t.retries.map((event) => event.delayMs)).toEqual([0, 0, 0]);
  });

  test("retry: false makes one attempt even for a 503", async () => {
    const t = createTestClient(server, "unavailable-once", { retry: false });
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(ServerError);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
  });

  test("a call's retry options override the client's", async () => {
    const t = createTestClient(server, "unavailable-once", { retry: false });
    const participant = uniqueParticipant();

    await t.client.chatroomParticipants.add(participant, { retry: { maxAttempts: 2, initialDelayMs: 1 } });

    expect(server.attemptsFor(participant.first_name)).toBe(2);
  });
});

describe("failures after which the participant may exist are not retried by default", () => {
  test.each([
    ["reset-before-response", ConnectionError, { phase: "request" }],
    ["html-500", ServerError, { status: 500 }],
    ["empty-502", ServerError, { status: 502 }],
  ] as const)("%s is tried once and fails with the class for it", async (fault, ErrorClass, fields) => {
    const t = createTestClient(server, fault);
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ ...fields, attempts: 1 });
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expect(t.retries).toEqual([]);
    expect(t.lines).toEqual([]);
    expectNothingSecret(error, t);
  });

  test.each([
    ["reset-once-then-ok", "a connection reset before any answer"],
    ["html-500-once-then-ok", "a 500"],
  ] as const)("%s: with retryAmbiguous, %s is retried and the call succeeds", async (fault, _what) => {
    const t = createTestClient(server, fault, { retry: { retryAmbiguous: true } });
    const participant = uniqueParticipant();

    const added = await t.client.chatroomParticipants.add(participant);

    expect(added.first_name).toBe(participant.first_name);
    expect(server.attemptsFor(participant.first_name)).toBe(2);
    expect(t.retries).toHaveLength(1);
    expectNothingSecret(undefined, t);
  });

  test.each([
    ["unauthorized-401", AuthenticationError],
    ["validation-422", RequestValidationError],
  ] as const)("%s is not retried even with retryAmbiguous", async (fault, ErrorClass) => {
    const t = createTestClient(server, fault, { retry: { retryAmbiguous: true } });
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expectNothingSecret(error, t);
  });
});

describe("retries stop at the deadline and the caller's signal", () => {
  test("a retry whose wait would end after the deadline is not started: the last failure is thrown", async () => {
    const counting = createScriptedFetch((request) => fetch(request));
    // The wait (5–10 s) would end after the deadline; the refused attempt has 2 s, plenty on a loaded machine.
    const t = createTestClient(refusedUrl, "ok", { fetch: counting.fetch, deadlineMs: 2_000, retry: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(counting.requests.length).toBe(1);
    expect(t.retries).toEqual([]);
  });

  test("aborting during the wait between attempts ends the call with an AbortError at once", async () => {
    const controller = new AbortController();
    const counting = createScriptedFetch((request) => fetch(request));
    const t = createTestClient(refusedUrl, "ok", {
      fetch: counting.fetch,
      retry: { initialDelayMs: 10_000, maxDelayMs: 10_000, onRetry: () => controller.abort() },
    });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant(), { signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(counting.requests.length).toBe(1);
  });
});
