import { afterEach, expect, test } from "vitest";
import { createUpstreamServer, type UpstreamServer } from "../fixtures/create-upstream-server.js";
import { prismLogsSince, RUN_TIMEOUT, runContractCheckBin, SKIP_STATIC, TOKEN } from "../fixtures/run-contract-check.js";

let upstream: UpstreamServer | undefined;
afterEach(() => upstream?.close());

test("the installed command fails against a drifting upstream and names each violation with its path", async () => {
  upstream = await createUpstreamServer("drifting");
  const started = Date.now();
  const run = await runContractCheckBin(["--upstream", upstream.url, "--allow-writes", "--chatroom-id", "7", ...SKIP_STATIC]);

  expect(run.code, run.out + run.err).toBe(1);
  expect(run.out).toMatch(/ {2}FAIL {2}post_chatroom_participant_post/);
  expect(run.out).toContain("response.body.id: Response body property id must be integer  [Prism Error]");
  expect(run.out).toContain('response: The received media type "" does not match the one specified in the current response: application/json');
  expect(run.out).toContain("response: Unable to match the returned status code with those defined in the document: 200,401,403  [Prism Warning]");
  // All three requests that reached it may have stored something; the report lists each for cleanup.
  expect(upstream.requests.filter((request) => request.token === TOKEN)).toHaveLength(3);
  expect(run.out).toContain("Records created on the target (3)");
  expect(run.out.match(/- id (?:unknown|\d+) in chat room 7: POST \/api\/chat\/chatroom_participant/g)).toHaveLength(3);
  expect(run.out).toMatch(/Result: FAIL \(operations failed: post_chatroom_participant_post\)/);
  for (const text of [run.out, run.err, ...(await prismLogsSince(started))]) expect(text).not.toContain(TOKEN);
}, RUN_TIMEOUT);
