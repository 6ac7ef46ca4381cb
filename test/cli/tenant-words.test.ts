import { describe, expect, test } from "vitest";
import { inTenantWords } from "../../scripts/contract-check/tenant/tenant-words.mjs";
import { httpErrorFromResponse } from "../../src/core/http-error-from-response.js";

/*
 * The client calls Prism's proxy on 127.0.0.1 and speaks of its own options; the contract check's report names
 * the tenant's URL and the environment variables and options the command reads.
 */

const where = { proxyUrl: "http://127.0.0.1:4123", upstream: "https://acme.iw-erp.de" };

/** The message the client gives a 401 (or a soft 401) on `url`; `apiKey`: whether it sent an API key. */
function unauthorized(url: string, apiKey: boolean): string {
  const details = { method: "GET", url, status: 401, code: undefined, messages: ["JWT expired"], body: undefined, headers: {}, attempts: 1 };
  return httpErrorFromResponse(details, "Unauthorized", false, apiKey).message;
}

describe("inTenantWords", () => {
  test("a URL of the proxy becomes the tenant's, and a server on a longer port stays itself", () => {
    expect(inTenantWords("GET http://127.0.0.1:4123/api/chat/chatroom/42 failed; http://127.0.0.1:41234/x", where)).toBe(
      "GET https://acme.iw-erp.de/api/chat/chatroom/42 failed; http://127.0.0.1:41234/x",
    );
  });

  test("the client's 401 hints name the variable the command reads: the API key's, the staff session's, the customer's", () => {
    expect(inTenantWords(unauthorized(`${where.proxyUrl}/api/chat/chatroom/42`, true), where)).toBe(
      "GET https://acme.iw-erp.de/api/chat/chatroom/42 failed with 401 Unauthorized: JWT expired. Create a new API key in the iwERP user settings and put it in IWERP_API_KEY.",
    );
    expect(inTenantWords(unauthorized(`${where.proxyUrl}/api/chat/chatroom/42`, false), where)).toBe(
      "GET https://acme.iw-erp.de/api/chat/chatroom/42 failed with 401 Unauthorized: JWT expired. Log in again and put the new session id (`session.sessionid`) in IWERP_SESSION_TOKEN.",
    );
    expect(inTenantWords(unauthorized(`${where.proxyUrl}/api/cp/chatroom_message/42`, false), where)).toMatch(
      /in IWERP_CUSTOMER_SESSION_TOKEN\.$/,
    );
  });

  test("the hints on a response size and a redirect name the command's options; every string of a report is rewritten", () => {
    const report = {
      operations: [{ tests: [{ failure: ["GET http://127.0.0.1:4123/api/x returned 200 with a body over 5 bytes. Raise `maxResponseBytes` if that is expected."] }] }],
      stopped: "the tenant redirected; if you trust https://other.example, pass it as `host`/`baseUrl`.",
      ms: 5,
    };

    expect(inTenantWords(report, where)).toEqual({
      operations: [{ tests: [{ failure: ["GET https://acme.iw-erp.de/api/x returned 200 with a body over 5 bytes. Raise --max-response-bytes if that is expected."] }] }],
      stopped: "the tenant redirected; if you trust https://other.example, pass it as --upstream.",
      ms: 5,
    });
  });
});
