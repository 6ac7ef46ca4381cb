// @ts-check
/**
 * The one way Prism (`@stoplight/prism-cli`) is started: the contract suite's mock and proxy, `npm run contract`'s
 * mock, and the proxy of `iwerp-contract --upstream`, which ships this file: it finds Prism from here (a devDependency
 * in this repository, an optional peer beside the package) and imports nothing of scripts/ but `net.mjs`.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { prismListening } from "./net.mjs";

/** The seed of the mock's generated answers (`Prefer: dynamic=true`) when none is given. */
export const DEFAULT_MOCK_SEED = "4242";

/**
 * How to start Prism. `mode`: `mock` (default) serves the spec's examples, `proxy` forwards to `upstream` and validates
 * both ways; `spec`: default `generated/openapi.yaml`; `seed`: of the answers generated for `Prefer: dynamic=true`;
 * `logFile`: default in a temporary folder, removed when Prism stops; `logThrough`: makes the stream each output goes
 * through to the log (a redactor); `ownGroup`: a process group of its own (POSIX), so that a Ctrl-C in the terminal
 * reaches only this process, which may still need Prism; `startTimeoutMs`: how long it may take to listen (30 s).
 * @typedef {{
 *   mode?: "mock" | "proxy",
 *   upstream?: string,
 *   spec?: string,
 *   seed?: string,
 *   logFile?: string,
 *   logThrough?: () => import("node:stream").Transform,
 *   ownGroup?: boolean,
 *   startTimeoutMs?: number,
 * }} PrismServerOptions
 */

/**
 * @typedef {{ url: string, logFile: string, stop(): Promise<void> }} PrismServer a running Prism; `stop` (SIGTERM,
 *   SIGKILL after 3 s) resolves once its last output is in the log.
 */

/** Prism's entry script; throws an error with code `MODULE_NOT_FOUND` when Prism is not installed. */
function prismEntry() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(manifestPath);
  return path.join(path.dirname(manifestPath), (typeof bin === "string" ? bin : bin?.prism) ?? "dist/index.js");
}

/**
 * Starts Prism on a free 127.0.0.1 port (it takes one itself) and waits until it says it listens; fails with the end
 * of its log if it exits or does not listen in time. Should this process exit without stopping it, Prism is killed.
 * @param {PrismServerOptions} [options]
 * @returns {Promise<PrismServer>}
 */
export async function createPrismServer(options = {}) {
  const { mode = "mock", upstream, seed, logThrough } = options;
  if (mode === "proxy" && !upstream) throw new Error("createPrismServer: mode proxy needs an upstream URL");
  const entry = prismEntry();
  const tempDir = options.logFile === undefined ? await mkdtemp(path.join(tmpdir(), "iwerp-prism-")) : undefined;
  const logFile = options.logFile ?? path.join(/** @type {string} */ (tempDir), "prism.log");
  await mkdir(path.dirname(logFile), { recursive: true });
  const spec = options.spec ?? fileURLToPath(new URL("../../generated/openapi.yaml", import.meta.url));
  const args = [entry, mode, spec, ...(mode === "proxy" ? [/** @type {string} */ (upstream)] : []), "-h", "127.0.0.1", "-p", "0", "--errors"];
  if (seed !== undefined) args.push("--seed", seed);
  const group = options.ownGroup === true && process.platform !== "win32";
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: group, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  const log = createWriteStream(logFile);
  const outputs = [child.stdout, child.stderr].map((output) => (logThrough ? output.pipe(logThrough()) : output));
  for (const output of outputs) output.pipe(log, { end: false });
  const drained = Promise.all(outputs.map((output) => finished(output).catch(() => {})));
  // A process that could not start emits "error" and may never emit "exit".
  const exited = new Promise((resolve) => child.once("exit", resolve).once("error", resolve));
  const listening = prismListening(child, options.startTimeoutMs ?? 30_000);
  const kill = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      if (group && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  };
  const killOnExit = () => kill("SIGKILL");
  process.once("exit", killOnExit);
  const stopChild = async () => {
    process.off("exit", killOnExit);
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    if (child.exitCode === null && child.signalCode === null) {
      kill("SIGTERM");
      timer = setTimeout(() => kill("SIGKILL"), 3000);
    }
    await exited;
    clearTimeout(timer);
    // The log ends once both outputs have passed on their last lines; a pipe that another process still holds
    // open keeps it waiting 2 s at most.
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
    for (const output of outputs) output.unpipe(log);
    await new Promise((resolve) => log.end(resolve));
  };
  const removeTemp = async () => void (tempDir && (await rm(tempDir, { recursive: true, force: true })));
  try {
    const url = await listening;
    return { url, logFile, stop: () => stopChild().then(removeTemp) };
  } catch (error) {
    await stopChild();
    // The end of the log says why; read before a temporary log is removed.
    const tail = (await readFile(logFile, "utf8").catch(() => "")).trim().split("\n").slice(-15).join("\n");
    await removeTemp();
    throw new Error(`Prism did not start (${error instanceof Error ? error.message : String(error)}). The end of its log${tempDir ? "" : ` ${logFile}`}:\n${tail}`);
  }
}
