import { expect } from "vitest";
import { createChatClient, type ChatClient, type ConnectionOptions } from "../../../src/index.js";
import { createFakeTenant, type FakeTenant, type FakeTenantOptions } from "../../../src/testing/index.js";
import { operationOf, responseViolations } from "./spec.js";

/** The base URL the tests' clients use; the fake answers any. */
export const BASE_URL = "https://acme.iw-erp.de";

const violations: string[] = [];

/**
 * Wraps the fake's fetch so that every answer is checked independently of the fake: a 200 body against the
 * bundled spec with an Ajv of the tests' own, any other status for the iwERP error headers. After each test,
 * any violation fails it.
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
      if (response.headers.get("x-iw-error-code") !== String(response.status)) violations.push(`${request.method} ${pathname}: X-IW-ERROR-CODE is not the status`);
      if (!Array.isArray(messages) || messages.some((m) => typeof m !== "string")) violations.push(`${request.method} ${pathname}: X-IW-ERROR-JSON is no list of strings`);
    }
    return response;
  };
}

/**
 * Fails the current test when an answer broke the spec. Registered after each test of every file by the
 * unit project's setup file (`test/setup/fake-answers.ts`), which runs per file even where files share modules.
 */
export function expectNoViolations(): void {
  const found = violations.splice(0);
  expect(found, "answers of the fake tenant that break the spec").toEqual([]);
}

/**
 * A fake tenant and a client of it: the session token of the tenant, `validateResponses: "throw"`, no
 * retries and no logging unless `client` says otherwise, every answer checked (see `checkedFetch`).
 */
export function createFakeClient(
  options: FakeTenantOptions = {},
  client: Partial<ConnectionOptions> & { sessionToken?: string } = {},
): { tenant: FakeTenant; chat: ChatClient } {
  const tenant = createFakeTenant(options);
  const chat = createChatClient({
    baseUrl: BASE_URL,
    sessionToken: tenant.sessionToken,
    fetch: checkedFetch(tenant),
    validateResponses: "throw",
    retry: false,
    logger: false,
    ...client,
  });
  return { tenant, chat };
}

export { rejectionOf } from "../../helpers/create-test-client.js";
