// @ts-check
/**
 * Starts Prism (`@stoplight/prism-cli`, a devDependency) in this repository: the one way the contract check's
 * embedded mock and the contract tests' global setup start it. (The installed command's validating proxy, which
 * must find Prism beside the package and redact its log, is `contract-check/tenant/prism.mjs`.)
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prismListening } from "./net.mjs";
import { BIN_DIR, BUNDLED_SPEC, ROOT } from "./paths.mjs";

/** The seed of the mock's generated answers (`Prefer: dynamic=true`) when none is given. */
export const DEFAULT_MOCK_SEED = "4242";

/**
 * How to start Prism. `mode`: `mock` serves the spec's examples, `proxy` forwards to `upstream` and validates
 * both ways (default `mock`); `spec`: default `generated/openapi.yaml`; `seed` (`--seed`): the same seed generates
 * the same answer to a request that asks for one with `Prefer: dynamic=true`; `logFile`: default a temporary folder,
 * removed when Prism stops; `startTimeoutMs`: how long to wait for it to listen (default 30 s).
 * @typedef {{ mode?: "mock" | "proxy", upstream?: string, spec?: string, seed?: string, logFile?: string, startTimeoutMs?: number }} PrismServerOptions
 */

/**
 * A running Prism: its base URL, its log file and how to stop it.
 * @typedef {{ url: string, logFile: string, stop(): Promise<void> }} PrismServer
 */

/**
 * Starts Prism on a free 127.0.0.1 port (it takes one itself), waits until it says it listens (no fixed sleep),
 * and returns it. Fails with the tail of Prism's log if it exits or does not listen in time. Should this process
 * exit without stopping it, Prism is killed on the way out.
 * @param {PrismServerOptions} [options]
 * @returns {Promise<PrismServer>}
 */
export async function createPrismServer(options = {}) {
  const tempDir = options.logFile === undefined ? await mkdtemp(path.join(tmpdir(), "iwerp-prism-")) : undefined;
  const logFile = options.logFile ?? path.join(/** @type {string} */ (tempDir), "prism.log");
  await mkdir(path.dirname(logFile), { recursive: true });
  const mode = options.mode ?? "mock";
  if (mode === "proxy" && !options.upstream) throw new Error("createPrismServer: mode proxy needs an upstream URL");
  const args = [mode, options.spec ?? BUNDLED_SPEC, ...(mode === "proxy" ? [/** @type {string} */ (options.upstream)] : []), "-h", "127.0.0.1", "-p", "0", "--errors"];
  if (options.seed !== undefined) args.push("--seed", options.seed);
  const log = createWriteStream(logFile);
  const child = spawn(path.join(BIN_DIR, "prism"), args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  // Both outputs into one file, which is ended once the process and both pipes are closed (see stop).
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  // A process that could not start emits "error" and may never emit "close".
  const closed = new Promise((resolve) => child.once("close", resolve).once("error", resolve));
  const listening = prismListening(child, options.startTimeoutMs ?? 30_000);
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  /** Stops Prism (SIGTERM, SIGKILL after 3 s) and resolves once its last output is in the log file. */
  const stopChild = async () => {
    process.off("exit", kill);
    /** @type {NodeJS.Timeout | undefined} */
    let killTimer;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
    }
    await closed;
    clearTimeout(killTimer);
    await new Promise((resolve) => log.end(resolve));
  };
  const removeTemp = () => (tempDir ? rm(tempDir, { recursive: true, force: true }) : undefined);
  try {
    const url = await listening;
    const stop = async () => {
      await stopChild();
      await removeTemp();
    };
    return { url, logFile, stop };
  } catch (error) {
    // The end of the log says why; read before a temporary log is removed.
    await stopChild();
    const tail = (await readFile(logFile, "utf8").catch(() => "")).trim().split("\n").slice(-15).join("\n");
    await removeTemp();
    throw new Error(`Prism did not start (${error instanceof Error ? error.message : String(error)}). The end of its log:\n${tail}`);
  }
}
