import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { COLLECTIONS, ROUTES } from "../../generated/model.js";
import { main } from "../../scripts/contract-check/main.mjs";
import { parseOptions } from "../../scripts/contract-check/options.mjs";
import { DEFAULTS } from "../../src/core/defaults.js";
import { MIN_SECRET_LENGTH, Redactor } from "../../src/core/redactor.js";
import { createChatClient } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";
import { createHostileTenant, CUSTOMER_TOKEN, type HostileTenant } from "../support/create-stand-in.js";
import { createSharedProxy, removeKeptLogs, runContractCheck, runEnv, SKIP_STATIC, type Run } from "../support/run-contract-check.js";
import { startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { encodedForms } from "../support/secrets.js";

/*
 * `iwerp-contract --upstream` with an API key (IWERP_API_KEY) instead of a session token, against a stand-in
 * tenant that takes the key in x-iw-jwt-token only, and answers as iwERP does: soft errors (400 with the real
 * code in X-IW-ERROR-CODE), which the spec documents.
 */

// Every character that an encoding changes, and a tail that none does: no output may contain the tail.
const KEY = `key&<>"'%/ z-7c1a-never-print`;

let shared: Awaited<ReturnType<typeof createSharedProxy>>;
let dir: string;
let standIn: StandIn | undefined;
let hostile: HostileTenant | undefined;

beforeAll(async () => {
  [shared, dir] = await Promise.all([createSharedProxy(), mkdtemp(path.join(tmpdir(), "iwerp-api-key-"))]);
}, 60_000);
afterAll(async () => {
  await shared?.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all([standIn?.close(), hostile?.close()]);
  standIn = undefined;
  hostile = undefined;
});

/** A soft error as iwERP sends it: 400, the real code in X-IW-ERROR-CODE, the messages in X-IW-ERROR-JSON. */
function softError(code: number, messages: string[]): Response {
  return new Response(JSON.stringify({ messages }), {
    status: 400,
    headers: { "content-type": "application/json", "x-iw-error-code": String(code), "x-iw-error-json": JSON.stringify(messages) },
  });
}

/**
 * A stand-in (the fake tenant over HTTP) whose staff operations take the API key only (`apiKeys`, sent as
 * x-iw-jwt-token; it accepts no session token), and whose customer portal takes the customer's session token.
 * Every answer echoes the key in every encoding in a header. `answer` may answer a request itself.
 */
async function keyOnlyTenant(answer?: (path: string) => Response | undefined): Promise<StandIn> {
  const tenant = createFakeTenant({ sessions: [], apiKeys: [KEY], customerSessions: [CUSTOMER_TOKEN] });
  const fetch = async (input: string, init: RequestInit) => {
    const response = answer?.(new URL(input).pathname) ?? (await tenant.fetch(input, init));
    const echoed = new Headers(response.headers);
    echoed.set("x-echo", encodedForms(KEY).join(" "));
    return new Response(await response.text(), { status: response.status, headers: echoed });
  };
  return startStandIn({ tenant: { fetch } });
}

/** Runs the check in this process with IWERP_API_KEY (and the customer's session token), logs and JUnit into the test's folder. */
async function checkWithKey(url: string, name: string): Promise<Run & { outputs: Record<string, string> }> {
  const logs = path.join(dir, `${name}-logs`);
  const junit = path.join(dir, `${name}.xml`);
  const env = { ...runEnv({ staff: null, customer: CUSTOMER_TOKEN }), IWERP_API_KEY: KEY };
  let out = "";
  let err = "";
  const code = await main(["--upstream", url, "--chatroom-id", "42", "--log-dir", logs, "--junit", junit, ...SKIP_STATIC], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env,
    client: { createChatClient: createChatClient as never, OPERATIONS, MODEL: { COLLECTIONS, ROUTES }, Redactor, DEFAULTS },
    interrupt: new AbortController().signal,
    startProxy: shared.startProxy,
  });
  expect(err).toBe("");
  const outputs: Record<string, string> = { stdout: out, stderr: err, junit: await readFile(junit, "utf8") };
  for (const file of await readdir(logs)) outputs[file] = await readFile(path.join(logs, file), "utf8");
  for (const [where, text] of Object.entries(outputs)) {
    for (const form of encodedForms(KEY)) expect(text, `${where} holds ${form}`).not.toContain(form);
    expect(text, `${where} holds the key in some encoding`).not.toContain("never-print");
  }
  return { code, out, err, outputs };
}

describe("iwerp-contract --upstream with IWERP_API_KEY", () => {
  test("passes against a tenant that takes only the API key, sends it as x-iw-jwt-token, and prints it nowhere in any encoding", async () => {
    standIn = await keyOnlyTenant();

    const run = await checkWithKey(standIn.url, "passing");

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/Result: PASS — operations: 7 checked \(0 failed\), 10 not checked;/);
    const staff = standIn.received.filter((r) => !r.path.startsWith("/api/cp/"));
    expect(staff.length).toBeGreaterThan(0);
    for (const request of staff) {
      expect(request.headers).toContain("x-iw-jwt-token");
      expect(request.headers).not.toContain("x-session-token");
    }
    expect(standIn.received.filter((r) => r.path.startsWith("/api/cp/")).every((r) => r.token === CUSTOMER_TOKEN)).toBe(true);
  });

  test("a soft error is an answer the spec documents: the check reports the client's error with its iwERP code, not a violation", async () => {
    standIn = await keyOnlyTenant((path) =>
      path === "/api/chat/chatroom_message" ? softError(401, ["JWT expired", `key ${encodedForms(KEY).join(" ")} revoked`]) : undefined,
    );

    const run = await checkWithKey(standIn.url, "soft-401");

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(/✗ FAILED {7}get_chatroom_message_cget /);
    // The tenant's URL, not Prism's on 127.0.0.1, and the variable the command reads, not the client's option.
    expect(run.out).toContain(`GET ${standIn.url}/api/chat/chatroom_message?pageSize=5 failed with 400 (iwERP code 401): JWT expired; key [redacted]`);
    expect(run.out).toMatch(/ revoked\. Create a new API key in the iwERP user settings and put it in IWERP_API_KEY\./);
    expect(run.out).not.toContain("`apiKey`");
    expect(run.out).not.toMatch(/Unable to match the returned status code/);
    expect(run.out).not.toMatch(/\[Prism (Error|Warning)\]/);
  });

  test("with a session token too, a soft error is no violation: the check reports the client's error", async () => {
    hostile = await createHostileTenant(async (request, response, fake) => {
      if (request.path === "/api/chat/chatroom_message") {
        return void response.writeHead(400, { "content-type": "application/json", "x-iw-error-code": "401", "x-iw-error-json": '["Session expired"]' }).end("{}");
      }
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });

    const run = await runContractCheck(["--upstream", hostile.url, ...SKIP_STATIC], { startProxy: shared.startProxy });
    await removeKeptLogs(run.out);

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toContain(
      `GET ${hostile.url}/api/chat/chatroom_message?pageSize=5 failed with 400 (iwERP code 401): Session expired. Log in again and put the new session id (\`session.sessionid\`) in IWERP_SESSION_TOKEN.`,
    );
    expect(run.out).not.toContain("`sessionToken`");
    expect(run.out).not.toMatch(/Unable to match the returned status code/);
  });

  test("a customer-portal read refused with a soft 403 is not checked, like one refused with 403", async () => {
    standIn = await keyOnlyTenant((path) => (path.startsWith("/api/cp/") ? softError(403, ["Missing access right"]) : undefined));

    const run = await checkWithKey(standIn.url, "soft-403");

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toMatch(/- not checked {2}get_customer_chatroom_message_get .*\n {6}the customer session may not read chatroom_message \d+ \(403\)/);
  });
});

describe("the credential of a tenant run", () => {
  const env = (credentials: Record<string, string>) => ({ ...runEnv({ staff: null }), ...credentials });

  test("is an API key or a session token", () => {
    expect(parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_API_KEY: "api-key-1" })).upstream).toBe("https://acme.iw-erp.de");
    expect(parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_SESSION_TOKEN: "session-token-1" })).upstream).toBe("https://acme.iw-erp.de");
  });

  test("one shorter than the client accepts is a usage error naming the variable, never its value", () => {
    const short = "k".repeat(MIN_SECRET_LENGTH - 1);
    for (const name of ["IWERP_API_KEY", "IWERP_SESSION_TOKEN"]) {
      expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ [name]: short }))).toThrow(
        `${name} is too short: ${MIN_SECRET_LENGTH - 1} of at least ${MIN_SECRET_LENGTH} characters; put the whole credential in it.`,
      );
    }
    expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_API_KEY: "api-key-1", IWERP_CUSTOMER_SESSION_TOKEN: "c" }))).toThrow(
      /^IWERP_CUSTOMER_SESSION_TOKEN is too short: 1 of at least 8 characters/,
    );
    expect(parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_API_KEY: "k".repeat(MIN_SECRET_LENGTH) })).upstream).toBe("https://acme.iw-erp.de");
  });

  test("one with a character a header cannot carry is a usage error naming the variable and the position", () => {
    expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_SESSION_TOKEN: "session\ttoken-1" }))).toThrow(
      "IWERP_SESSION_TOKEN contains a line break, control or non-ASCII character at position 8; remove it.",
    );
    expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_API_KEY: "api-këy-1" }))).toThrow(/^IWERP_API_KEY contains .* at position 6;/);
  });

  test("both is a usage error that says to give one", () => {
    expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env({ IWERP_API_KEY: "api-key-1", IWERP_SESSION_TOKEN: "session-token-1" }))).toThrow(
      "--upstream takes one credential: IWERP_API_KEY or IWERP_SESSION_TOKEN, not both (unset one).",
    );
  });

  test("neither (or only blank ones) is a usage error that names both ways, the API key first", () => {
    for (const credentials of [{}, { IWERP_API_KEY: " ", IWERP_SESSION_TOKEN: "" }] as Array<Record<string, string>>) {
      expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env(credentials))).toThrow(
        /--upstream needs a credential for the tenant in the environment: an API key in IWERP_API_KEY \(created in the iwERP user settings\), or a session token in IWERP_SESSION_TOKEN\./,
      );
    }
  });
});
