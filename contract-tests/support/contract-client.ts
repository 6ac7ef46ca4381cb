import { afterEach, expect, inject } from "vitest";
import { createChatClient, type ChatClientOptions } from "../../src/index.js";
import { createRecordingFetch, type PrismViolation, type RecordedExchange, type RequestTamper } from "./recording-fetch.js";

/** The token the contract tests send; Prism accepts any value, a real tenant needs a real one. */
export const CONTRACT_TOKEN = process.env.IWERP_SESSION_TOKEN ?? "contract-test-token";

/**
 * A typed client for the contract target that records each exchange. After every test, any `sl-violations`
 * that the test did not declare with `expectRequestViolations` fails it, so an invalid example served
 * with 200, or a drifting upstream, cannot pass.
 */
export function createContractClient(overrides: Partial<ChatClientOptions> = {}, tamper?: RequestTamper) {
  const recorder = createRecordingFetch(tamper);
  const client = createChatClient({
    baseUrl: inject("contractBaseUrl"),
    sessionToken: CONTRACT_TOKEN,
    validateResponses: "throw",
    retry: false,
    logger: false,
    fetch: recorder.fetch,
    ...overrides,
  });
  tracked.push(recorder.exchanges);
  return { client, exchanges: recorder.exchanges };
}

const tracked: RecordedExchange[][] = [];
let expected: Array<(violation: PrismViolation) => boolean> = [];

/** Declares the request violations this test provokes on purpose (e.g. a missing token). */
export function expectRequestViolations(...matchers: RegExp[]): void {
  expected = matchers.map((re) => (v) => v.location[0] === "request" && re.test(v.message));
}

afterEach(() => {
  const violations = tracked.flatMap((exchanges) => exchanges.flatMap((e) => e.violations.map((v) => ({ ...v, url: e.url.pathname }))));
  tracked.length = 0;
  const unexpected = violations.filter((v) => !expected.some((match) => match(v)));
  expected = [];
  expect(unexpected, "Prism reported sl-violations").toEqual([]);
});
