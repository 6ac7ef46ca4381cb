import { describe, expect } from "vitest";
import { login } from "../src/index.js";
import { createContractClient } from "../test/support/contract/contract-client.js";
import { mockTest, primaryTarget } from "../test/support/contract/contract-target.js";

const MOCK_ONLY = "logs in with the spec's example credentials, which only the mock accepts";

// Named by the operationId, as the spec-driven suite's describes are: the contract check's report groups tests by it.
describe("post_post_login", () => {
  mockTest("login sends the credentials wrapped in login, without a session token, and returns a client that sends the new session id", MOCK_ONLY, async () => {
    const { exchanges, fetch } = createContractClient();
    const { session, client } = await login({
      baseUrl: primaryTarget.baseUrl,
      fetch,
      username: "ada@example.org",
      password: "contract-password",
      validateResponses: "throw",
      retry: false,
      logger: false,
    });
    await client.chatrooms.get(42);

    const [loggingIn, calling] = exchanges;
    expect(loggingIn?.url.pathname).toBe("/api/logins");
    expect(JSON.parse(loggingIn?.requestBody ?? "null")).toEqual({ login: { username: "ada@example.org", password: "contract-password" } });
    expect(loggingIn?.requestHeaders.has("x-session-token")).toBe(false);
    // Compared as a boolean so that a failure never prints the token.
    expect(calling?.requestHeaders.get("x-session-token") === session.sessionid, "the new client sends the session id").toBe(true);
  });
});
