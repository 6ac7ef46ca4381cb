import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, test, vi } from "vitest";
import { createStandIn, CUSTOMER_TOKEN, TOKEN, type StandInTenant } from "../support/create-stand-in.js";
import { removeKeptLogs, RUN_TIMEOUT, runContractCheckBin, SKIP_STATIC } from "../support/run-contract-check.js";

/*
 * The command as a pipeline runs it: `bin/iwerp-contract.mjs` in a child process, which starts Prism and
 * loads the client itself. The few runs that prove the wiring (side by side, each in a folder of its own);
 * the rest is tested in process.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

/** An empty working directory for one run. */
async function emptyFolder(): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), "iwerp-contract-cwd-"));
  cleanups.push(() => rm(cwd, { recursive: true, force: true }));
  return cwd;
}

/** A stand-in that is closed after the file. */
async function standInFor(options: Parameters<typeof createStandIn>[0] = {}): Promise<StandInTenant> {
  const standIn = await createStandIn(options);
  cleanups.push(() => standIn.close());
  return standIn;
}

test.concurrent("a read-only run passes against a conforming tenant, prints no token, and writes nothing to the working directory", async ({ expect }) => {
  const [standIn, cwd] = await Promise.all([standInFor(), emptyFolder()]);
  const run = await runContractCheckBin(["--upstream", standIn.url, "--chatroom-id", "42", ...SKIP_STATIC], { cwd });

  expect(run.code, run.out + run.err).toBe(0);
  expect(run.out).toMatch(/Result: PASS — operations: 7 checked \(0 failed\), 10 not checked; tests: \d+ passed, 0 failed, 13 skipped\n$/);
  expect(new Set(standIn.received.map((r) => r.method))).toEqual(new Set(["GET"]));
  for (const text of [run.out, run.err]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(CUSTOMER_TOKEN);
  }
  expect(await readdir(cwd)).toEqual([]);
}, RUN_TIMEOUT);

/** Watches a child's stderr: `saw(text)` resolves once it has printed `text`. */
function watchStderr(child: ChildProcess): { saw: (text: string) => Promise<void> } {
  let err = "";
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
    for (const wait of waiting.filter((w) => err.includes(w.text))) wait.resolve();
  });
  return { saw: (text) => (err.includes(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve }))) };
}

test.concurrent("SIGTERM during a write run stops it, deletes the record it created, reports, and exits with 143", async ({ expect }) => {
  let child: ChildProcess | undefined;
  let stderr: ReturnType<typeof watchStderr> | undefined;
  const [standIn, cwd] = await Promise.all([
    standInFor({
      onRequest: async (request) => {
        if (request.method !== "PUT") return;
        child?.kill("SIGTERM");
        // The PUT is answered once the check has taken the signal.
        await stderr?.saw("SIGTERM: stopping");
      },
    }),
    emptyFolder(),
  ]);
  const run = await runContractCheckBin(["--upstream", standIn.url, "--allow-writes", "--chatroom-id", "42", "--junit", "reports/tenant.xml", ...SKIP_STATIC], {
    cwd,
    onSpawn: (spawned) => {
      child = spawned;
      stderr = watchStderr(spawned);
    },
  });

  expect(run.code, run.out + run.err).toBe(143);
  expect(run.err).toContain("iwerp-contract: SIGTERM: stopping; waiting for the writes in flight, then deleting what this run created");
  expect(run.out).toContain("Records: created 1, deleted 1.");
  expect(run.out).toMatch(/Result: FAIL \(stopped early: the run was interrupted\)/);
  expect(standIn.createdByRun()).toEqual([{ collection: "participants", id: 43, deleted: true }]);
  expect(await readFile(path.join(cwd, "reports", "tenant.xml"), "utf8")).toContain('<testcase classname="records created on the tenant" name="every record the run created was deleted"');
  // Asked for: the JUnit file. Not asked for: anything else; the logs went to a temporary folder.
  expect(await readdir(cwd)).toEqual(["reports"]);
  expect(await removeKeptLogs(run.out)).toMatch(/iwerp-contract-/);
}, RUN_TIMEOUT);

test.concurrent("a run whose output reader goes away mid-run (| head, | tee ended by Ctrl-C) finishes: it deletes what it created, writes its JUnit file and exits with its result", async ({ expect }) => {
  let child: ChildProcess | undefined;
  const [standIn, cwd] = await Promise.all([
    standInFor({
      onRequest: (request) => {
        // The reader closes its end of the pipe while the participant is being created.
        if (request.method === "POST") child?.stdout?.destroy();
      },
    }),
    emptyFolder(),
  ]);

  const run = await runContractCheckBin(["--upstream", standIn.url, "--allow-writes", "--chatroom-id", "42", "--junit", "reports/tenant.xml", "--log-dir", "logs", ...SKIP_STATIC], {
    cwd,
    onSpawn: (spawned) => (child = spawned),
  });

  expect(run.err).not.toMatch(/EPIPE|Unhandled 'error' event/);
  expect(run.code, run.err).toBe(0);
  expect(standIn.createdByRun().length).toBeGreaterThan(0);
  expect(standIn.createdByRun().every((record) => record.deleted)).toBe(true);
  expect(await readFile(path.join(cwd, "reports", "tenant.xml"), "utf8")).toContain('name="every record the run created was deleted"');
}, RUN_TIMEOUT);

test.concurrent("a second SIGINT while the tenant is still answering the POST stops at once and says that a participant may exist and where to look", async ({ expect }) => {
  let child: ChildProcess | undefined;
  let stderr: ReturnType<typeof watchStderr> | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  const [standIn, cwd] = await Promise.all([
    standInFor({
      onRequest: async (request) => {
        if (request.method !== "POST") return;
        child?.kill("SIGINT");
        await stderr?.saw("SIGINT: stopping");
        child?.kill("SIGINT");
        // The tenant creates the record only after the check has gone: no answer ever reaches it.
        await exited;
      },
    }),
    emptyFolder(),
  ]);
  const run = await runContractCheckBin(["--upstream", standIn.url, "--allow-writes", "--chatroom-id", "42", ...SKIP_STATIC], {
    cwd,
    onSpawn: (spawned) => {
      child = spawned;
      stderr = watchStderr(spawned);
      exited = once(spawned, "exit");
    },
  });

  expect(run.code, run.out + run.err).toBe(130);
  expect(run.err).toMatch(
    /iwerp-contract: SIGINT again: stopping without cleaning up\.\nRecords this run created or may have created, to check and remove in iwERP by hand:\n {2}- a chatroom_participant \(id unknown\) in chat room 42, created by POST \/api\/chat\/chatroom_participant: it was sent and the tenant had not answered; look for a participant named "iwerp-contract contract check \d{8}T\d{6} [0-9a-f]{4}"\n/,
  );
  expect(run.err).not.toContain("Records left on the tenant: none.");
  // And it does exist: the tenant created it after the check had gone.
  await vi.waitFor(() => expect(standIn.createdByRun()).toEqual([{ collection: "participants", id: 43, deleted: false }]), { timeout: 10_000 });
  // Stopped at once, it names its logs on stderr and leaves them.
  expect(await removeKeptLogs(run.err)).toMatch(/iwerp-contract-/);
}, RUN_TIMEOUT);
