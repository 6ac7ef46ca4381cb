import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createUpstreamServer, type UpstreamServer } from "../fixtures/create-upstream-server.js";
import { prismLogsSince, RUN_TIMEOUT, runContractCheck as check, SKIP_STATIC, TOKEN } from "../fixtures/run-contract-check.js";


describe("iwerp-contract against a stand-in upstream, through Prism's validating proxy", () => {
  let upstream: UpstreamServer | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "iwerp-contract-cli-"));
  });
  afterEach(async () => {
    await upstream?.close();
    upstream = undefined;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("passes against an upstream that follows the spec, lists every record it created, and writes JUnit", async () => {
    upstream = await createUpstreamServer("conforming");
    const junit = path.join(dir, "reports", "contract.xml");
    const started = Date.now();
    const run = await check(["--upstream", upstream.url, "--allow-writes", "--chatroom-id", "7", "--junit", junit, ...SKIP_STATIC]);

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toContain(`Prism's validating proxy in front of ${upstream.url} (writes allowed in chat room 7)`);
    expect(run.out).toMatch(/ {2}PASS {2}post_chatroom_participant_post {2}\(\d+ passed, \d+ skipped\)/);
    expect(run.out).toMatch(/skipped: generated cases run against the embedded mock only/);
    expect(upstream.created.length).toBeGreaterThanOrEqual(3);
    expect(upstream.created.every((record) => record.chatroomId === 7)).toBe(true);
    expect(run.out).toContain(`Records created on the target (${upstream.created.length})`);
    for (const { id } of upstream.created) expect(run.out).toContain(`- id ${id} in chat room 7: POST /api/chat/chatroom_participant`);
    expect(run.out).toMatch(/Result: PASS/);

    const xml = await readFile(junit, "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="iwerp-contract" tests="\d+" failures="0" skipped="\d+">/);
    expect(xml).toContain('<testsuite name="post_chatroom_participant_post"');
    expect(xml).toContain(`<system-out>Records created on the target (${upstream.created.length})`);

    // The token came from the environment and reached the upstream, and is nowhere in the output.
    const authenticated = upstream.requests.filter((request) => request.token !== undefined);
    expect(authenticated.length).toBe(upstream.created.length);
    expect(authenticated.every((request) => request.token === TOKEN)).toBe(true);
    for (const text of [run.out, run.err, xml, ...(await prismLogsSince(started))]) expect(text).not.toContain(TOKEN);
  }, RUN_TIMEOUT);

  test("without --allow-writes it sends the upstream nothing that could write and says which tests it skipped", async () => {
    upstream = await createUpstreamServer("conforming");
    const run = await check(["--upstream", upstream.url, ...SKIP_STATIC]);

    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toContain("(no writes)");
    expect(run.out).toMatch(/- \d+ skipped: creates records: runs against a real target only with --allow-writes and --chatroom-id/);
    expect(upstream.requests.filter((request) => request.token !== undefined)).toEqual([]);
    expect(upstream.created).toEqual([]);
    expect(run.out).toContain("Records created on the target: none.");
  }, RUN_TIMEOUT);
});

describe("iwerp-contract's command line", () => {
  test("--allow-writes needs a chat room, and is refused without one", async () => {
    const run = await check(["--upstream", "https://acme.iw-erp.de", "--allow-writes"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--allow-writes needs --chatroom-id/);
    expect(run.out).toBe("");
  });

  test("refuses plain http to a host that is not this machine, since the token travels with each request", async () => {
    const run = await check(["--upstream", "http://acme.iw-erp.de"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--upstream must use https:\/\//);
  });

  test("needs the token in IWERP_SESSION_TOKEN for a real tenant", async () => {
    const run = await check(["--upstream", "https://acme.iw-erp.de"], null);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/IWERP_SESSION_TOKEN/);
  });

  test("rejects an unknown step to skip and an unknown option, and prints help on --help", async () => {
    expect((await check(["--skip", "lint,tests"])).err).toMatch(/--skip takes lint, drift, typecheck \(got tests\)/);
    expect((await check(["--upstrem", "https://acme.iw-erp.de"])).code).toBe(2);
    const help = await check(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: iwerp-contract \[options\][\s\S]*--junit FILE[\s\S]*Exit status: 0/);
  });
});
