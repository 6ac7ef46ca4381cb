import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createHostileTenant, CUSTOMER_TOKEN, streamBody, TOKEN, type HostileTenant } from "../support/create-stand-in.js";
import { createSharedProxy, removeKeptLogs, RUN_TIMEOUT, runContractCheck, SKIP_STATIC, type Run } from "../support/run-contract-check.js";

/*
 * The tenant mode against tenants that attack the check, in this process: a redirect to another host, answers
 * too large to read, a token echoed back in every encoding, violations the tenant reports as if Prism had.
 */

let shared: Awaited<ReturnType<typeof createSharedProxy>>;
let dir: string;
const servers: HostileTenant[] = [];

beforeAll(async () => {
  [shared, dir] = await Promise.all([createSharedProxy(), mkdtemp(path.join(tmpdir(), "iwerp-hostile-"))]);
}, 60_000);
afterAll(async () => {
  await shared?.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A hostile tenant closed after the test. */
async function hostile(...args: Parameters<typeof createHostileTenant>): Promise<HostileTenant> {
  const server = await createHostileTenant(...args);
  servers.push(server);
  return server;
}

/** Runs the check against `url` through the shared proxy, JUnit into the test's folder; removes the logs it kept. */
async function check(url: string, args: string[]): Promise<Run & { junit: string }> {
  const junit = path.join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  const run = await runContractCheck(["--upstream", url, ...args, "--junit", junit, ...SKIP_STATIC], { startProxy: shared.startProxy });
  if (!args.includes("--log-dir")) await removeKeptLogs(run.out);
  return { ...run, junit: await readFile(junit, "utf8") };
}

/** The report's line of an operation. */
function line(out: string, operationId: string): string {
  return out.split("\n").find((text) => new RegExp(`^ {2}[✓✗-] \\S+.*\\s${operationId}\\s`).test(text)) ?? `(no line for ${operationId})`;
}

describe("redirects", () => {
  test("a tenant that redirects every GET to another host fails those operations with the status and the redacted Location, and the other host receives no request", async () => {
    const witness = await hostile((_request, response) => void response.writeHead(200, { "content-type": "application/json" }).end("[]"));
    const tenant = await hostile((request, response) => {
      // Where a hostile tenant would send the check: another host, with the token in the URL to be sure.
      response.writeHead(302, { location: `${witness.url}/steal?from=${encodeURIComponent(request.path)}&token=${encodeURIComponent(request.token ?? "")}` }).end();
    });
    const run = await check(tenant.url, ["--chatroom-id", "42"]);

    expect(witness.received, "the other host was sent a request").toEqual([]);
    expect(tenant.received.map((r) => r.method)).toEqual(["GET", "GET", "GET", "GET"]);
    expect(run.code, run.out + run.err).toBe(1);
    for (const id of ["get_chatroom_participant_cget", "get_chatroom_message_cget", "get_chatroom_message_reaction_cget", "get_chatroom_get"]) {
      expect(line(run.out, id)).toMatch(/✗ FAILED/);
    }
    expect(run.out).toMatch(
      /GET \/api\/chat\/chatroom_participant\?pageSize=5: the tenant answered 302, a redirect to Location: http:\/\/127\.0\.0\.1:\d+\/steal\?from=%2Fapi%2Fchat%2Fchatroom_participant&token=\[redacted\]; not followed: the check sends the credential to --upstream only/,
    );
    expect(run.out).not.toContain(TOKEN);
    expect(run.junit).toMatch(/<failure message="GET \/api\/chat\/chatroom\/42: the tenant answered 302, a redirect to Location: http:\/\/127\.0\.0\.1:\d+\/steal\?from=[^&]*&amp;token=\[redacted\]; not followed/);
  });
});

describe("answers Prism cannot read", () => {
  test("a tenant whose Content-Type is not a media type fails those operations, naming it, and Prism serves every other request of the run", async () => {
    // `application/json; charset` (a parameter without a value) makes Prism's validating proxy throw, and die.
    const tenant = await hostile((_request, response) => void response.writeHead(200, { "content-type": "application/json; charset" }).end("[]"));
    const run = await check(tenant.url, ["--chatroom-id", "42"]);

    expect(tenant.received.map((r) => r.method), "each GET of the read walk reached the tenant").toEqual(["GET", "GET", "GET", "GET"]);
    expect(run.code, run.out + run.err).toBe(1);
    for (const id of ["get_chatroom_participant_cget", "get_chatroom_message_cget", "get_chatroom_message_reaction_cget", "get_chatroom_get"]) {
      expect(line(run.out, id)).toMatch(/✗ FAILED/);
    }
    expect(run.out).toMatch(
      /GET \/api\/chat\/chatroom\/42: the tenant answered 200 with Content-Type: application\/json; charset, which is not a media type; not passed on to Prism, which cannot read it/,
    );
    expect(run.junit).toMatch(/<failure message="GET \/api\/chat\/chatroom\/42: the tenant answered 200 with Content-Type: application\/json; charset, which is not a media type/);
  });
});

describe("answers that are not JSON", () => {
  test("a tenant that answers 200 with a body that is not JSON fails that operation, saying so and that Prism answered 500 in its place, and names no server of the check's own", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      if (request.path === "/api/chat/chatroom_participant") return void response.writeHead(200, { "content-type": "application/json" }).end("{not json");
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const run = await check(tenant.url, ["--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(line(run.out, "get_chatroom_participant_cget")).toMatch(/✗ FAILED/);
    expect(run.out).toContain("GET /api/chat/chatroom_participant?pageSize=5: the tenant answered 200 application/json (9 bytes); Prism answered 500 in its place:\n");
    // Prism's reason, with the tenant's URL in it: not the recording hop's or Prism's on 127.0.0.1.
    expect(run.out).toContain(`invalid json response body at ${tenant.url}/api/chat/chatroom_participant?pageSize=5`);
    expect(new Set(run.out.match(/http:\/\/127\.0\.0\.1:\d+/g))).toEqual(new Set([tenant.url]));
    expect(line(run.out, "get_chatroom_message_cget")).toMatch(/✓ checked/);
  });
});

describe("answers too large to read", () => {
  test("a gzip answer that inflates past the limit (10 MiB by default) fails its operation, naming the limit and the flag", async () => {
    // 128 MiB of a JSON list (an empty one, padded with spaces) from about 128 kB on the wire.
    const mebibyte = Buffer.alloc(1024 * 1024, " ");
    const parts = [gzipSync(Buffer.concat([Buffer.from("["), mebibyte])), ...Array.from({ length: 126 }, () => gzipSync(mebibyte)), gzipSync(Buffer.concat([mebibyte, Buffer.from("]")]))];
    const tenant = await hostile(async (request, response, fake) => {
      if (request.path !== "/api/chat/chatroom_participant") {
        const answer = await fake();
        return void response.writeHead(answer.status, answer.headers).end(answer.body);
      }
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      await streamBody(response, parts);
    });
    const run = await check(tenant.url, ["--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(line(run.out, "get_chatroom_participant_cget")).toMatch(/✗ FAILED/);
    expect(run.out).toContain(
      "GET /api/chat/chatroom_participant?pageSize=5: the tenant answered 200 with more than 10485760 bytes (10 MiB), the limit; the check read no further (--max-response-bytes N changes the limit)",
    );
    // The other operations are checked as usual.
    expect(line(run.out, "get_chatroom_message_cget")).toMatch(/✓ checked/);
    expect(run.junit).toMatch(/<failure message="GET \/api\/chat\/chatroom_participant\?pageSize=5: the tenant answered 200 with more than 10485760 bytes/);
  });

  test("an answer larger than --max-response-bytes fails its operation, naming the limit and the flag, and smaller ones pass", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      const answer = await fake();
      // The message list, valid JSON with 1 MiB of spaces after it; every other answer as the fake gives it.
      const body = request.path === "/api/chat/chatroom_message" ? `${answer.body}${" ".repeat(1024 * 1024)}` : answer.body;
      response.writeHead(answer.status, answer.headers).end(body);
    });
    const run = await check(tenant.url, ["--chatroom-id", "42", "--max-response-bytes", "65536"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(line(run.out, "get_chatroom_message_cget")).toMatch(/✗ FAILED/);
    expect(run.out).toContain(
      "GET /api/chat/chatroom_message?pageSize=5: the tenant answered 200 with more than 65536 bytes (64 KiB), the limit; the check read no further (--max-response-bytes N changes the limit)",
    );
    expect(line(run.out, "get_chatroom_participant_cget")).toMatch(/✓ checked/);
    expect(line(run.out, "get_chatroom_get")).toMatch(/✓ checked/);
  });
});

describe("what a tenant sends back", () => {
  // Every character that an encoding changes, and a tail that none does: no output may contain the tail.
  const STAFF = `tok&<>"'%/ x-3b9f-never-print`;
  const CUSTOMER = `cust&<>"'%/ y-5d2e-never-print`;
  const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  const json = (text: string) => JSON.stringify(text).slice(1, -1);
  const forms = (text: string) => [text, encodeURIComponent(text), html(text), json(text)];

  test("a token the tenant echoes percent-encoded, HTML-escaped or JSON-escaped, in a body, a header, a status text or a redirect, is in no output of the check", async () => {
    const echoes = [...forms(STAFF), ...forms(CUSTOMER)];
    const tenant = await hostile(
      async (request, response, fake) => {
        if (request.path === "/api/chat/chatroom_participant" && request.method === "GET") {
          // Refused, with every echo in the body, the iwERP error header (which the client reports) and the status text.
          response.writeHead(403, json(STAFF), {
            "content-type": `application/json; echo="${encodeURIComponent(STAFF)}"`,
            "x-iw-error-json": JSON.stringify(echoes),
            "x-echo": html(CUSTOMER),
          });
          return void response.end(JSON.stringify({ echoes }));
        }
        if (request.path === "/api/chat/chatroom_message" && request.method === "GET") {
          const location = `http://127.0.0.1:9/?staff=${encodeURIComponent(STAFF)}&customer=${html(CUSTOMER)}&json=${json(CUSTOMER)}`;
          return void response.writeHead(302, encodeURIComponent(CUSTOMER), { location }).end();
        }
        const answer = await fake();
        response.writeHead(answer.status, html(STAFF), {
          ...answer.headers,
          // A quoted string, as Prism must parse it: JSON's `\"` is a quoted pair there.
          "content-type": `application/json; echo="${html(STAFF)} ${encodeURIComponent(CUSTOMER)} ${json(STAFF)}"`,
          "x-echo": json(CUSTOMER),
          "sl-violations": JSON.stringify([{ location: ["response"], message: echoes.join(" "), severity: "Error" }]),
        });
        response.end(answer.body);
      },
      { sessions: [STAFF, CUSTOMER] },
    );
    const logs = path.join(dir, "echo-logs");
    const junit = path.join(dir, "echo-junit.xml");
    // Its own Prism, whose log goes into --log-dir.
    const run = await runContractCheck(["--upstream", tenant.url, "--allow-writes", "--chatroom-id", "42", "--log-dir", logs, "--junit", junit, ...SKIP_STATIC], {
      tokens: { staff: STAFF, customer: CUSTOMER },
    });

    const files = await readdir(logs);
    expect(files.sort()).toEqual(["prism.log", "tenant-exchanges.jsonl"]);
    const outputs: Record<string, string> = { stdout: run.out, stderr: run.err, junit: await readFile(junit, "utf8") };
    for (const file of files) outputs[file] = await readFile(path.join(logs, file), "utf8");
    for (const [where, text] of Object.entries(outputs)) {
      for (const form of [...forms(STAFF), ...forms(CUSTOMER)]) expect(text, `${where} holds ${form}`).not.toContain(form);
      expect(text, `${where} holds a token in some encoding`).not.toContain("never-print");
    }
    // The echoes did reach the outputs, redacted: the client's error, the content type, the Location.
    expect(run.out).toMatch(/\/api\/chat\/chatroom_participant\?pageSize=5 failed with 403 Forbidden: \[redacted\]; \[redacted\]/);
    expect(run.out).toMatch(/a redirect to Location: http:\/\/127\.0\.0\.1:9\/\?staff=\[redacted\]&customer=\[redacted\]&json=\[redacted\]/);
    expect(outputs["tenant-exchanges.jsonl"]).toContain('"contentType":"application/json; echo=\\"[redacted] [redacted] [redacted]\\""');
    expect(tenant.received.some((r) => r.method === "POST")).toBe(true);
  }, RUN_TIMEOUT);

  test("a token the tenant echoes base64- or base64url-encoded, inside a longer encoded text, is in no output of the check", async () => {
    // The token after 0, 1 and 2 bytes of something else: each puts it at another place of base64's 3-byte groups.
    const encoded = ["", "u:", "session="].flatMap((before) => {
      const base64 = Buffer.from(`${before}${TOKEN}`).toString("base64");
      return [base64, base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")];
    });
    const tenant = await hostile(async (request, response, fake) => {
      if (request.path === "/api/chat/chatroom_participant") {
        return void response.writeHead(403, { "content-type": "application/json", "x-iw-error-json": JSON.stringify(encoded) }).end(JSON.stringify({ echoes: encoded }));
      }
      if (request.path === "/api/chat/chatroom_message") return void response.writeHead(302, { location: `http://127.0.0.1:9/?s=${encoded.join("&s=")}` }).end();
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const logs = path.join(dir, "base64-logs");
    const run = await check(tenant.url, ["--chatroom-id", "42", "--log-dir", logs]);

    const outputs: Record<string, string> = { stdout: run.out, stderr: run.err, junit: run.junit };
    for (const file of await readdir(logs)) outputs[file] = await readFile(path.join(logs, file), "utf8");
    // The middle of each, which only the token's bytes make up (the ends share a character with what is around it).
    for (const [where, text] of Object.entries(outputs)) for (const form of encoded) expect(text, `${where} holds ${form}`).not.toContain(form.slice(12, -3));
    // The echoes did reach the report, redacted.
    expect(run.out).toMatch(/\/api\/chat\/chatroom_participant\?pageSize=5 failed with 403 Forbidden: (?:[^\n]*\[redacted\]){6}/);
    expect(run.out).toMatch(/a redirect to Location: http:\/\/127\.0\.0\.1:9\/\?s=(?:[^\n]*\[redacted\]){6}/);
  });

  test("control characters the tenant sends (terminal escapes that erase lines or move the cursor) are in no line the check prints", async () => {
    const escapes = "\u001b[2K\r\u001b[1A\u0007\u009b2J\u0000";
    const tenant = await hostile(async (request, response, fake) => {
      // A chat room id that the walk reads next, and prints in its report.
      if (request.path === "/api/chat/chatroom_message" && request.method === "GET") {
        return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([{ id: 1, chatroom: { id: `7${escapes}  ✓ checked` } }]));
      }
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const run = await check(tenant.url, ["--chatroom-id", "42"]);

    // The id did reach the report, without its control characters.
    expect(run.out).toContain("reads chatroom 7[2K[1A2J  ✓ checked (id from get_chatroom_message_cget)");
    expect(run.out.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g) ?? []).toEqual([]);
  });

  test("an sl-violations header the tenant sends itself is not reported as Prism's: its answers that keep to the spec pass", async () => {
    const tenant = await hostile(async (_request, response, fake) => {
      const answer = await fake();
      const forged = [{ location: ["response", "body"], message: "forged by the tenant", severity: "Error", code: "type" }];
      response.writeHead(answer.status, { ...answer.headers, "sl-violations": JSON.stringify(forged) }).end(answer.body);
    });
    const logs = path.join(dir, "forged-logs");
    const run = await check(tenant.url, ["--chatroom-id", "42", "--log-dir", logs]);

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).not.toContain("forged by the tenant");
    expect(run.out).toMatch(/Result: PASS — operations: 6 checked \(0 failed\)/);
    // The exchanges say the tenant sent one.
    const exchanges = (await readFile(path.join(logs, "tenant-exchanges.jsonl"), "utf8")).trim().split("\n").map((text) => JSON.parse(text));
    expect(exchanges.every((exchange) => exchange.ownViolations === true)).toBe(true);
  });
});

describe("a create answered with a record that is not the new one", () => {
  /** The tenant's writes other than the creates: the PUTs and DELETEs it received. */
  const changes = (tenant: HostileTenant) => tenant.received.filter((r) => r.method === "PUT" || r.method === "DELETE").map((r) => `${r.method} ${r.path}`);

  test("a participant answered without the names sent (another record of the tenant's) is neither updated nor deleted, and is listed as one the tenant may have created, to look for by name", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      if (request.method === "POST" && request.path === "/api/chat/chatroom_participant") {
        // As a tenant that finds a duplicate answers: with a record it had, not on the page the walk read.
        const other = { id: 4242, participant_type: "user", first_name: "Grace", last_name: "Hopper", room_admin: true, can_write: true, is_muted: false, created: "2025-05-04T09:42:00Z", updated: "2025-05-04T09:42:00Z", deleted: false, name: "Grace Hopper" };
        return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(other));
      }
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const run = await check(tenant.url, ["--allow-writes", "--chatroom-id", "42"]);

    expect(changes(tenant), "a PUT or DELETE of a record the run did not create").toEqual([]);
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /Records: created 0, deleted 0\. Left on the tenant, to remove in iwERP by hand:\n {2}- a chatroom_participant \(id unknown\) in chat room 42, created by POST \/api\/chat\/chatroom_participant: the tenant answered 200 with record 4242, whose first_name is "Grace", not "iwerp-contract" as sent; last_name is "Hopper", not "contract check [^"]*" as sent: not the one this run sent, so the check neither changed nor deleted it; look for a participant named "iwerp-contract contract check \d{8}T\d{6} [0-9a-f]{4}"/,
    );
  });

  test("a reaction answered with one the walk had read before (the same emoji, as a tenant that keeps one per person answers) is not deleted, and is listed as one the tenant may have created", async () => {
    let url = "";
    const tenant = await hostile(async (request, response, fake) => {
      if (request.method === "POST" && request.path.startsWith("/api/cp/chat/chatroom_message_reaction/")) {
        const existing = await fetch(`${url}/api/chat/chatroom_message_reaction/42`, { headers: { "x-session-token": TOKEN } });
        return void response.writeHead(200, { "content-type": "application/json" }).end(await existing.text());
      }
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    url = tenant.url;
    const run = await runContractCheck(["--upstream", tenant.url, "--allow-writes", "--chatroom-id", "42", ...SKIP_STATIC], {
      tokens: { customer: CUSTOMER_TOKEN },
      startProxy: shared.startProxy,
    });
    await removeKeptLogs(run.out);

    expect(tenant.received.filter((r) => r.method === "POST").map((r) => r.path)).toContain("/api/cp/chat/chatroom_message_reaction/42");
    expect(changes(tenant).filter((change) => change.includes("reaction")), "a DELETE of the tenant's own reaction").toEqual([]);
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /- a chatroom_message_reaction \(id unknown\) in chat room 42, created by POST \/api\/cp\/chat\/chatroom_message_reaction\/\{chatroomMessageIdentifier\}: the tenant answered with chatroom_message_reaction 42, which existed before \(read by \w+\): not the new record, so the check neither changed nor deleted it; look for a 👍 reaction on chatroom_message 42/,
    );
  }, RUN_TIMEOUT);
});

describe("soft errors", () => {
  test("a list answered as iwERP reports a server error (a soft 400 with X-IW-ERROR-CODE 500) fails that operation: the 400 is documented, the server error is not a conforming answer", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      if (request.path === "/api/chat/chatroom_participant") {
        return void response.writeHead(400, { "content-type": "application/json", "x-iw-error-code": "500", "x-iw-error-json": '["Internal error"]' }).end("{}");
      }
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const run = await check(tenant.url, ["--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(line(run.out, "get_chatroom_participant_cget")).toMatch(/✗ FAILED/);
    expect(run.out).toMatch(/GET [^\n]*\/api\/chat\/chatroom_participant\?pageSize=5 failed with 400 \(iwERP code 500\): Internal error/);
    expect(line(run.out, "get_chatroom_message_cget")).toMatch(/✓ checked/);
  });
});

describe("a create answered with a server error", () => {
  test("a participant create answered 504 (a gateway that gave up while the tenant went on) is listed as a record that may exist, with where to look", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      const answer = await fake();
      // The fake tenant has created the participant; the answer the check gets is the gateway's.
      if (request.method === "POST") return void response.writeHead(504, { "content-type": "text/html" }).end("<h1>504 Gateway Time-out</h1>");
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const run = await check(tenant.url, ["--allow-writes", "--chatroom-id", "42"]);

    expect(tenant.received.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/chat/chatroom_participant"]);
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /Records: created 0, deleted 0\. Left on the tenant, to remove in iwERP by hand:\n {2}- a chatroom_participant \(id unknown\) in chat room 42, created by POST \/api\/chat\/chatroom_participant: the tenant answered 504, a server error: it may have created it; look for a participant named "iwerp-contract contract check \d{8}T\d{6} [0-9a-f]{4}"/,
    );
    expect(run.out).toMatch(/Result: FAIL \(.*1 record left on the tenant\)/);
  });

  test("a participant create answered as iwERP reports a server error (a soft 400 with X-IW-ERROR-CODE 500) is listed as a record that may exist too", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      const answer = await fake();
      if (request.method === "POST") {
        return void response.writeHead(400, { "content-type": "application/json", "x-iw-error-code": "500", "x-iw-error-json": '["Internal error"]' }).end("{}");
      }
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
    const run = await check(tenant.url, ["--allow-writes", "--chatroom-id", "42"]);

    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /- a chatroom_participant \(id unknown\) in chat room 42, created by POST \/api\/chat\/chatroom_participant: the tenant answered 400 with X-IW-ERROR-CODE 500, a server error: it may have created it; look for a participant named "iwerp-contract contract check /,
    );
  });
});

describe("a list that ignores the chat room asked for", () => {
  test("a reaction is added to a message of the --chatroom-id room only, not to one of another room that the tenant listed first", async () => {
    const tenant = await hostile(async (request, response, fake) => {
      const answer = await fake();
      let body = answer.body;
      if (request.method === "GET" && request.path === "/api/chat/chatroom_message" && request.query.includes("chatroom=42")) {
        // As a tenant that does not know the filter: a message of chat room 7 first.
        const messages = JSON.parse(answer.body) as Array<Record<string, unknown>>;
        body = JSON.stringify([{ ...messages[0], id: 7, chatroom: { id: 7 } }, ...messages]);
      }
      response.writeHead(answer.status, { ...answer.headers, "content-length": String(Buffer.byteLength(body)) }).end(body);
    });
    const run = await runContractCheck(["--upstream", tenant.url, "--allow-writes", "--chatroom-id", "42", ...SKIP_STATIC], {
      tokens: { customer: CUSTOMER_TOKEN },
      startProxy: shared.startProxy,
    });
    await removeKeptLogs(run.out);

    const reactions = tenant.received.filter((r) => r.method === "POST" && r.path.includes("reaction")).map((r) => r.path);
    expect(reactions, run.out).toEqual(["/api/cp/chat/chatroom_message_reaction/42"]);
    expect(run.code, run.out + run.err).toBe(0);
  }, RUN_TIMEOUT);
});
