import { execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { OPERATIONS } from "../../generated/operations.js";
import { main } from "../../scripts/contract-check/main.mjs";
import { startTenantProxy, type StartTenantProxy } from "../../scripts/contract-check/tenant/tenant-proxy.mjs";
import { DEFAULTS } from "../../src/core/defaults.js";
import { Redactor } from "../../src/core/redactor.js";
import { createChatClient } from "../../src/index.js";
import { CUSTOMER_TOKEN, TOKEN } from "./create-stand-in.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin", "iwerp-contract.mjs");

/** The static checks have tests of their own (static-checks.test.ts); runs skip them to stay fast. */
export const SKIP_STATIC = ["--skip", "lint,drift,typecheck"];
/** A run of the command as a child process starts Prism: a few seconds, more on a loaded machine. */
export const RUN_TIMEOUT = 60_000;

/** What a run of the contract check printed, and its exit code. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/** The environment of a run: this process's without vitest's and the check's own variables, with the tokens. */
export function runEnv(tokens: { staff?: string | null; customer?: string } = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && !name.startsWith("IWERP_")));
  const staff = tokens.staff === undefined ? TOKEN : tokens.staff;
  return { ...env, ...(staff === null ? {} : { IWERP_SESSION_TOKEN: staff }), ...(tokens.customer ? { IWERP_CUSTOMER_SESSION_TOKEN: tokens.customer } : {}) };
}

/**
 * Prism's validating proxy and the recording hop, started once for a test file: each in-process run
 * points the hop at its own stand-in (a run's `stop` leaves them running; `close` stops them).
 */
export async function createSharedProxy(): Promise<{ startProxy: StartTenantProxy; close(): Promise<void> }> {
  const logDir = await mkdtemp(path.join(tmpdir(), "iwerp-contract-shared-"));
  const redactor = new Redactor([TOKEN, CUSTOMER_TOKEN]);
  const proxy = await startTenantProxy({
    upstream: "http://127.0.0.1:9",
    allowWrites: false,
    maxResponseBytes: DEFAULTS.maxResponseBytes,
    logDir,
    redact: (text) => redactor.text(text),
  });
  return {
    startProxy: async ({ upstream, allowWrites, maxResponseBytes }) => {
      proxy.hop.configure({ upstream, allowWrites, maxResponseBytes });
      proxy.hop.records.length = 0;
      return { ...proxy, stop: async () => {} };
    },
    close: async () => {
      await proxy.stop();
      await rm(logDir, { recursive: true, force: true });
    },
  };
}

/**
 * The log folder a failed run kept and named (`Logs (…): /tmp/iwerp-contract-…`), removed here so that
 * tests leave nothing behind; undefined when the report names none.
 */
export async function removeKeptLogs(out: string): Promise<string | undefined> {
  const kept = /^Logs \([^)]*\): (.+)$/m.exec(out)?.[1];
  if (kept !== undefined) await rm(kept, { recursive: true, force: true });
  return kept;
}

/**
 * Calls the command's main function in this process, with the client (and its redactor) from `src/` and,
 * when given, the shared proxy (else its own Prism, whose log goes into the run's log folder).
 * `tokens.staff: null` runs without a session token; `interrupt` stands in for SIGINT/SIGTERM.
 */
export async function runContractCheck(
  argv: string[],
  options: { tokens?: { staff?: string | null; customer?: string }; startProxy?: StartTenantProxy; interrupt?: AbortSignal } = {},
): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: runEnv(options.tokens),
    client: { createChatClient: createChatClient as never, OPERATIONS, Redactor, DEFAULTS },
    interrupt: options.interrupt ?? new AbortController().signal,
    ...(options.startProxy ? { startProxy: options.startProxy } : {}),
  });
  return { code, out, err };
}

/**
 * Runs the command (`bin/iwerp-contract.mjs`) as a child process in `cwd`; `onSpawn` gets the child
 * (e.g. to send it a signal).
 */
export function runContractCheckBin(
  argv: string[],
  { cwd = ROOT, env = runEnv({ customer: CUSTOMER_TOKEN }), onSpawn }: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...argv], { cwd, env, timeout: RUN_TIMEOUT }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, out, err });
    });
    onSpawn?.(child);
  });
}
