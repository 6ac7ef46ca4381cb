import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import { FAKE_API_KEY, FAKE_CUSTOMER_SESSION_TOKEN, FAKE_SESSION_TOKEN } from "../../src/testing/index.js";
import { createSharedProxy, RUN_TIMEOUT, runContractCheck, SKIP_STATIC } from "../support/run-contract-check.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The GET operations of the chat API (staff and customer portal), which a read-only contract run checks. */
const CHAT_READS = Object.values(OPERATIONS).filter((op) => op.method === "GET" && op.path.includes("/chat/")).length;
const BIN = path.join(ROOT, "bin", "iwerp-fake-tenant.mjs");
/** How long the command may take to start on a loaded machine (it bundles the sources with esbuild first): a safety net only. */
const START_TIMEOUT = 60_000;

/** A running `iwerp-fake-tenant`: its URL, what it printed so far, and how it ended. */
interface RunningBin {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: ChildProcess[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "iwerp-fake-tenant-bin-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  // A test that failed before stopping its command: stop it, and wait, so no process outlives the file.
  await Promise.all(
    running.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
});

/** Starts the command with `args`; resolves once it has printed its banner (the line that ends it), with its URL. */
function startBin(args: string[]): Promise<RunningBin> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const url = /a fake iwERP tenant at (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined && out.includes("Ctrl-C stops it. Requests:\n")) resolve({ child, url, stdout: () => out, stderr: () => err, exited });
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    void exited.then(({ code }) => reject(new Error(`iwerp-fake-tenant exited with ${code} before it served:\n${out}${err}`)));
  });
}

/** Resolves once the command's output holds `text` (it prints a line per request as it answers). */
async function printed(bin: RunningBin, text: string): Promise<string> {
  while (!bin.stdout().includes(text)) await new Promise((resolve) => bin.child.stdout?.once("data", resolve));
  return bin.stdout();
}

/** Runs the command to its end (help, a usage error): exit code and output. */
async function runBin(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: START_TIMEOUT });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

/** The README's example: the command line that starts the fake and the `curl` that calls it. */
function readmeExample(): { start: string; header: string; url: string } {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const example = /```sh\n(npx iwerp-fake-tenant [^\n]*)\ncurl -H "([^"]+)" "([^"]+)"\n```/.exec(readme);
  if (example === null) throw new Error("the README has no iwerp-fake-tenant example with a curl of it");
  const [, start = "", header = "", url = ""] = example;
  return { start, header, url };
}

describe("iwerp-fake-tenant", () => {
  test("the README's example works: the fake starts, prints its URL and the credentials, and answers the curl; SIGTERM stops it with exit 0", async () => {
    const example = readmeExample();
    expect(example.start).toBe("npx iwerp-fake-tenant --port 4010");
    // The README's port may be taken on a test machine: the same command on a free one.
    const bin = await startBin(["--port", "0"]);
    const url = example.url.replace("http://127.0.0.1:4010", bin.url);

    const { stdout } = await promisify(execFile)("curl", ["--silent", "--show-error", "--fail", "-H", example.header, url], { timeout: START_TIMEOUT });
    const log = await printed(bin, "GET /api/chat/chatroom_participant 200\n");
    bin.child.kill("SIGTERM");
    const ended = await bin.exited;

    expect((JSON.parse(stdout) as Array<{ first_name: string }>).map((p) => p.first_name)).toEqual(["Ada"]);
    expect(log).toContain(`x-session-token: ${FAKE_SESSION_TOKEN}`);
    expect(log).toContain(`x-session-token: ${FAKE_CUSTOMER_SESSION_TOKEN}   (the customer portal, /api/cp/…)`);
    expect(log).toContain(`x-iw-jwt-token: ${FAKE_API_KEY}`);
    expect(log).toContain("ada@example.org / fake-password");
    expect(ended).toEqual({ code: 0, signal: null });
    expect(bin.stdout()).toMatch(/\niwerp-fake-tenant: SIGTERM: stopped\n$/);
    expect(bin.stderr()).toBe("");
  }, 2 * START_TIMEOUT);

  test("logs each request on one line (method, path, status and a soft error's code), never a token; SIGINT stops it with exit 0", async () => {
    const seed = path.join(dir, "seed.json");
    await writeFile(seed, JSON.stringify({ chatrooms: [{ id: 7, name: "Sales" }] }));
    const bin = await startBin(["--port", "0", "--seed", seed, "--soft-errors"]);

    const room = await fetch(`${bin.url}/api/chat/chatroom/7`, { headers: { "x-iw-jwt-token": FAKE_API_KEY } });
    const unknownToken = await fetch(`${bin.url}/api/chat/chatroom/7`, { headers: { "x-session-token": "secret-token-of-someone" } });
    const tokenInPath = await fetch(`${bin.url}/api/chat/chatroom/${FAKE_SESSION_TOKEN}`, { headers: { "x-session-token": FAKE_SESSION_TOKEN } });
    const log = await printed(bin, "GET /api/chat/chatroom/[redacted] 400 (iwERP code 404)\n");
    bin.child.kill("SIGINT");

    expect([room.status, ((await room.json()) as { name: string }).name]).toEqual([200, "Sales"]);
    expect([unknownToken.status, unknownToken.headers.get("x-iw-error-code")]).toEqual([400, "401"]);
    expect(tokenInPath.headers.get("x-iw-error-code")).toBe("404");
    expect(log.split("Requests:\n")[1]).toBe(
      ["GET /api/chat/chatroom/7 200", "GET /api/chat/chatroom/7 400 (iwERP code 401)", "GET /api/chat/chatroom/[redacted] 400 (iwERP code 404)", ""].join("\n"),
    );
    expect(log).toContain("(soft errors: HTTP 400, the real code in X-IW-ERROR-CODE)");
    expect(log).not.toContain("secret-token-of-someone");
    expect(await bin.exited).toEqual({ code: 0, signal: null });
  }, 2 * START_TIMEOUT);

  test("goes on serving when the reader of its output goes away (| head), and SIGTERM still stops it with exit 0", async () => {
    const bin = await startBin(["--port", "0"]);
    // The reader of its output closes its end, as `head` does after its lines.
    bin.child.stdout?.destroy();

    const answers = [];
    for (let call = 0; call < 3; call += 1) {
      const response = await fetch(`${bin.url}/api/chat/chatroom_participant?chatroom=42`, { headers: { "x-session-token": FAKE_SESSION_TOKEN } });
      answers.push(response.status);
      await response.arrayBuffer();
    }
    bin.child.kill("SIGTERM");
    const ended = await bin.exited;

    expect(answers).toEqual([200, 200, 200]);
    expect(ended).toEqual({ code: 0, signal: null });
    expect(bin.stderr()).toBe("");
  }, 2 * START_TIMEOUT);

  test("--help prints the usage and exits 0", async () => {
    const run = await runBin(["--help"]);

    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Usage: iwerp-fake-tenant \[--port N\] \[--host H\] \[--seed FILE\.json\] \[--soft-errors\]\n/);
    expect(run.out).toContain("Exit status: 0 when stopped by SIGINT or SIGTERM");
  }, START_TIMEOUT);

  test.each([
    [["--bogus"], "iwerp-fake-tenant: Unknown option '--bogus'; see iwerp-fake-tenant --help\n"],
    [["--port", "70000"], 'iwerp-fake-tenant: --port must be a whole number from 0 to 65535 (got "70000"); see iwerp-fake-tenant --help\n'],
    [["--port"], "iwerp-fake-tenant: Option '--port <value>' argument missing; see iwerp-fake-tenant --help\n"],
    [["--seed", "/nonexistent/seed.json"], "iwerp-fake-tenant: --seed /nonexistent/seed.json: cannot read it (ENOENT); see iwerp-fake-tenant --help\n"],
  ])("wrong usage %j exits 2 with one line that says what is wrong", async (args, line) => {
    const run = await runBin(args);

    expect([run.code, run.out, run.err]).toEqual([2, "", line]);
  }, START_TIMEOUT);

  test("a seed that is no JSON, or breaks the spec, exits 2 with one line naming the problem", async () => {
    const broken = path.join(dir, "broken.json");
    const invalid = path.join(dir, "invalid.json");
    await writeFile(broken, "{ chatrooms: ");
    await writeFile(invalid, JSON.stringify({ chatrooms: [{ id: 1, name: 5 }] }));

    const [notJson, notValid] = await Promise.all([runBin(["--seed", broken]), runBin(["--seed", invalid])]);

    expect([notJson.code, notJson.err]).toEqual([2, expect.stringMatching(new RegExp(`^iwerp-fake-tenant: --seed ${broken}: not JSON \\(.+\\); see iwerp-fake-tenant --help\\n$`))]);
    expect([notValid.code, notValid.err]).toEqual([2, `iwerp-fake-tenant: --seed ${invalid}: createFakeTenant: seed is not valid: chatrooms.id 1.name: must be string; see iwerp-fake-tenant --help\n`]);
  }, START_TIMEOUT);

  test("a seed file of null, a list, or a collection the fake does not have (a misspelt \"chatroms\") exits 2 instead of serving the default records or none", async () => {
    const files = { empty: "null", list: "[]", misspelt: JSON.stringify({ chatroms: [{ id: 1, name: "Support" }] }) };
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, `${name}.json`), text)));
    const seed = (name: string) => path.join(dir, `${name}.json`);

    const [empty, list, misspelt] = await Promise.all(Object.keys(files).map((name) => runBin(["--seed", seed(name), "--port", "0"])));

    const line = (name: string, problem: string) => `iwerp-fake-tenant: --seed ${seed(name)}: ${problem}; see iwerp-fake-tenant --help\n`;
    expect([empty?.code, empty?.out, empty?.err]).toEqual([2, "", line("empty", 'must hold a JSON object such as {"chatrooms": [...], "participants": [...]} (got null)')]);
    expect([list?.code, list?.out, list?.err]).toEqual([2, "", line("list", 'must hold a JSON object such as {"chatrooms": [...], "participants": [...]} (got a list)')]);
    expect([misspelt?.code, misspelt?.out, misspelt?.err]).toEqual([
      2,
      "",
      line("misspelt", '"chatroms" names no collection of the fake tenant; a seed has chatrooms, participants, messages, reactions'),
    ]);
  }, START_TIMEOUT);

  test("a port in use exits 1, naming it and how to choose another", async () => {
    const { createServer } = await import("node:http");
    const blocker = createServer();
    // A free port from the system, held by the blocker (`once` rejects if it cannot listen).
    blocker.listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = String((blocker.address() as AddressInfo).port);
    try {
      const run = await runBin(["--port", port]);

      expect(run.code).toBe(1);
      expect(run.err).toMatch(new RegExp(`^iwerp-fake-tenant: serveFakeTenant: cannot listen on 127\\.0\\.0\\.1 port ${port}: listen EADDRINUSE.*\\(another port: --port N, or --port 0 for a free one\\)\\n$`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, START_TIMEOUT);
});

describe("iwerp-contract --upstream against iwerp-fake-tenant", () => {
  let shared: Awaited<ReturnType<typeof createSharedProxy>> | undefined;
  beforeAll(async () => {
    shared = await createSharedProxy();
  }, RUN_TIMEOUT);
  afterAll(async () => {
    await shared?.close();
  });

  test("passes read-only, then with --allow-writes --chatroom-id 42, with the fake's staff and customer session tokens", async () => {
    const bin = await startBin(["--port", "0"]);
    const options = { tokens: { staff: FAKE_SESSION_TOKEN, customer: FAKE_CUSTOMER_SESSION_TOKEN }, startProxy: shared!.startProxy };

    const readOnly = await runContractCheck(["--upstream", bin.url, "--chatroom-id", "42", ...SKIP_STATIC], options);
    const withWrites = await runContractCheck(["--upstream", bin.url, "--allow-writes", "--chatroom-id", "42", ...SKIP_STATIC], options);
    bin.child.kill("SIGTERM");

    const checked = (out: string) => Number(/^Result: PASS — operations: (\d+) checked \(0 failed\)/m.exec(out)?.[1] ?? Number.NaN);
    expect(readOnly.code, readOnly.out + readOnly.err).toBe(0);
    // Every read of the chat API (the customer portal's included), then the writes besides.
    expect(checked(readOnly.out)).toBeGreaterThanOrEqual(CHAT_READS);
    expect(withWrites.code, withWrites.out + withWrites.err).toBe(0);
    expect(checked(withWrites.out)).toBeGreaterThan(checked(readOnly.out));
    expect(withWrites.out).toContain("Records: created 2, deleted 2.");
    // The customer portal's operations went with the customer's session, which the fake requires there.
    expect(bin.stdout()).toMatch(/^GET \/api\/cp\/chat\/chatroom_message\/\d+ 200$/m);
    expect(bin.stdout()).toMatch(/^POST \/api\/cp\/chat\/chatroom_message_reaction\/\d+ 200$/m);
    expect(await bin.exited).toEqual({ code: 0, signal: null });
  }, START_TIMEOUT + 2 * RUN_TIMEOUT);
});
