import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../../src/core/defaults.js";
import { httpErrorFromResponse } from "../../src/core/http-error-from-response.js";
import type { RetryPolicy } from "../../src/core/resolve-options.js";
import { parseRetryAfter } from "../../src/core/retry-after.js";
import { retryDelay } from "../../src/core/retry-policy.js";
import { AbortError, ConnectionError, InvalidResponseError, ResponseValidationError, TimeoutError, type ConnectionPhase } from "../../src/index.js";

const where = { method: "POST", url: "https://acme.iw-erp.de/api/chat/chatroom_participant", attempts: 1 };
const policy: RetryPolicy = { ...DEFAULTS.retry, onRetry: undefined };
const ambiguous: RetryPolicy = { ...policy, retryAmbiguous: true };
/** The smallest and largest jitter. */
const low = () => 0;
const high = () => 1;

function http(status: number, retryAfterMs?: number) {
  return httpErrorFromResponse({ ...where, status, code: undefined, messages: [], body: undefined, headers: {}, retryAfterMs }, "");
}
function connection(phase: ConnectionPhase, errorCode?: string) {
  return new ConnectionError({ ...where, phase, errorCode }, "broken");
}
function timeout(limit: "attempt" | "deadline", responseStatus?: number) {
  return new TimeoutError({ ...where, limit, timeoutMs: 100, responseStatus });
}

describe("what is retried", () => {
  test.each([
    ["a refused connection or failed lookup (phase connect)", true, true, connection("connect")],
    ["429", true, true, http(429)],
    ["503", true, true, http(503)],
    ["a connection broken before any answer (phase request)", false, true, connection("request")],
    ["a per-attempt timeout before any answer", false, true, timeout("attempt")],
    ["500", false, true, http(500)],
    ["502", false, true, http(502)],
    ["504", false, true, http(504)],
    ["a connection broken while reading the response", false, false, connection("response")],
    ["a TLS certificate the runtime refused (phase connect, CERT_HAS_EXPIRED)", false, false, connection("connect", "CERT_HAS_EXPIRED")],
    ["a per-attempt timeout while reading a 200 body", false, false, timeout("attempt", 200)],
    ["the overall deadline", false, false, timeout("deadline")],
    ["the caller's abort", false, false, new AbortError(where)],
    ["400", false, false, http(400)],
    ["401", false, false, http(401)],
    ["403", false, false, http(403)],
    ["404", false, false, http(404)],
    ["409", false, false, http(409)],
    ["422", false, false, http(422)],
    ["a body that is not JSON", false, false, new InvalidResponseError({ ...where, status: 200, contentType: undefined, snippet: "" }, "bad")],
    ["a body that breaks the schema", false, false, new ResponseValidationError({ ...where, status: 200, issues: [], data: {} })],
  ] as const)("%s: a POST is retried by default %s, with retryAmbiguous %s; GET/PUT/DELETE as with retryAmbiguous", (_case, byDefault, withAmbiguous, error) => {
    expect(retryDelay(error, 1, policy, false) !== undefined).toBe(byDefault);
    expect(retryDelay(error, 1, ambiguous, false) !== undefined).toBe(withAmbiguous);
    expect(retryDelay(error, 1, policy, true) !== undefined).toBe(withAmbiguous);
    expect(retryDelay(error, 1, ambiguous, true) !== undefined).toBe(withAmbiguous);
  });

  test("nothing is retried once maxAttempts attempts were made", () => {
    expect(retryDelay(http(503), 2, { ...policy, maxAttempts: 3 }, false)).toBeDefined();
    expect(retryDelay(http(503), 3, { ...policy, maxAttempts: 3 }, false)).toBeUndefined();
    expect(retryDelay(http(503), 1, { ...policy, maxAttempts: 1 }, false)).toBeUndefined();
  });
});

describe("how long it waits", () => {
  test("the backoff doubles per attempt from initialDelayMs, with jitter between 50 and 100 %", () => {
    const p = { ...policy, maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 100_000 };

    expect([1, 2, 3, 4].map((n) => retryDelay(http(503), n, p, false, high))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((n) => retryDelay(http(503), n, p, false, low))).toEqual([50, 100, 200, 400]);
    for (let i = 0; i < 100; i++) {
      const delay = retryDelay(http(503), 3, p, false) ?? Number.NaN;
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });

  test("the backoff is capped at maxDelayMs", () => {
    const p = { ...policy, maxAttempts: 30, initialDelayMs: 250, maxDelayMs: 10_000 };

    expect(retryDelay(connection("connect"), 20, p, false, high)).toBe(10_000);
    expect(retryDelay(connection("connect"), 20, p, false, low)).toBe(5_000);
  });

  test("a Retry-After is waited for exactly, instead of the backoff", () => {
    expect(retryDelay(http(429, 0), 1, policy, false, high)).toBe(0);
    expect(retryDelay(http(503, 7_000), 1, policy, false, low)).toBe(7_000);
  });

  test("a Retry-After longer than maxDelayMs is not waited for at all", () => {
    expect(retryDelay(http(429, 10_000), 1, policy, false)).toBe(10_000);
    expect(retryDelay(http(429, 10_001), 1, policy, false)).toBeUndefined();
    expect(retryDelay(http(503, 3_600_000), 1, { ...policy, maxDelayMs: 60_000 }, false)).toBeUndefined();
  });

  test("the defaults are 3 attempts, 250 ms growing to at most 10 s, and no ambiguous retries", () => {
    expect(DEFAULTS.retry).toEqual({ maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 10_000, retryAmbiguous: false });
    expect(DEFAULTS).toMatchObject({ timeoutMs: 30_000, deadlineMs: 90_000, validateResponses: "warn", maxResponseBytes: 10 * 1024 * 1024 });
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-05-04T09:42:00Z");

  test.each([
    ["0", 0],
    ["120", 120_000],
    [" 3 ", 3_000],
    ["1.5", 1_500],
    ["Sun, 04 May 2025 09:42:30 GMT", 30_000],
    ["Sunday, 04-May-25 09:43:00 GMT", 60_000],
    ["Sun, 04 May 2025 09:41:00 GMT", 0],
  ])("reads %j as %i ms", (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  test.each([[null], [""], ["soon"], ["-5"], ["5s"], ["Someday, 99 Foo 2025"]])("ignores %j", (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
