import { expect } from "vitest";
import { createChatClient, type ChatClient, type ConnectionOptions } from "../../src/index.js";
import { createFakeTenant, FAKE_CUSTOMER_SESSION_TOKEN, type FakeTenant, type FakeTenantOptions } from "../../src/testing/index.js";
import { operationOf, responseViolations } from "./spec.js";

/** The base URL the tests' clients use; the fake answers any. */
export const BASE_URL = "https://acme.iw-erp.de";

const violations: string[] = [];

/**
 * The fake's fetch, every answer checked independently of the fake (failing the test after it): a 200 body against
 * the bundled spec, any other status for the iwERP error headers (`X-IW-ERROR-CODE`, `X-IW-ERROR-JSON`).
 */
export function checkedFetch(tenant: FakeTenant): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { pathname } = new URL(request.url);
    const response = await tenant.fetch(request);
    const id = operationOf(request.method, pathname);
    if (response.status === 200 && id !== undefined) {
      for (const line of responseViolations(id, await response.clone().json())) violations.push(`${id} ${line}`);
    } else if (response.status !== 200) {
      const messages: unknown = JSON.parse(response.headers.get("x-iw-error-json") ?? "null");
      const code = response.headers.get("x-iw-error-code") ?? "";
      const soft = response.status === 400 && /^[45]\d\d$/.test(code);
      if (code !== String(response.status) && !soft) violations.push(`${request.method} ${pathname}: X-IW-ERROR-CODE is neither the status nor, in a soft 400, an error code`);
      if (!Array.isArray(messages) || messages.some((m) => typeof m !== "string")) violations.push(`${request.method} ${pathname}: X-IW-ERROR-JSON is no list of strings`);
    }
    return response;
  };
}

/** Fails the current test when an answer broke the spec; `fake-answers.ts`, the unit project's setup file, calls it. */
export function expectNoViolations(): void {
  const found = violations.splice(0);
  expect(found, "answers of the fake tenant that break the spec").toEqual([]);
}

/**
 * A fake tenant and two clients of it: `chat` with its staff session, `portal` with its customer's; both with
 * `validateResponses: "throw"`, no retries and no logging unless `client` says otherwise, on `checkedFetch`.
 */
export function createFakeClient(
  options: FakeTenantOptions = {},
  client: Partial<ConnectionOptions> & { sessionToken?: string } = {},
): { tenant: FakeTenant; chat: ChatClient; portal: ChatClient } {
  const tenant = createFakeTenant(options);
  const make = (sessionToken: string) =>
    createChatClient({ baseUrl: BASE_URL, sessionToken, fetch: checkedFetch(tenant), validateResponses: "throw", retry: false, logger: false, ...client });
  return { tenant, chat: make(tenant.sessionToken), portal: make(options.customerSessions?.[0] ?? FAKE_CUSTOMER_SESSION_TOKEN) };
}

/** The two ways a fake tenant answers errors, for `describe.each`: with their status, and as iwERP's soft errors. */
export const ERROR_STYLES = [
  { style: "real statuses", softErrors: false },
  { style: "soft errors (HTTP 400, the code in X-IW-ERROR-CODE)", softErrors: true },
] as const;

/** The HTTP status a fake answers the error `code` with in a style: the code itself, or 400 for a soft error. */
export function httpStatus({ softErrors }: { softErrors: boolean }, code: number): number {
  return softErrors ? 400 : code;
}

/** Checks an error answer of the fake: the style's status, `X-IW-ERROR-CODE` the code, `X-IW-ERROR-JSON` the messages. */
export function expectErrorAnswer(response: Response, style: { softErrors: boolean }, code: number, messages?: ReadonlyArray<string | RegExp>): void {
  expect([response.status, response.headers.get("x-iw-error-code")]).toEqual([httpStatus(style, code), String(code)]);
  if (messages === undefined) return;
  const sent: unknown = JSON.parse(response.headers.get("x-iw-error-json") ?? "null");
  expect(sent).toEqual(messages.map((message) => (typeof message === "string" ? message : expect.stringMatching(message))));
}

export { rejectionOf } from "./create-test-client.js";
