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
import { Transform } from "node:stream";
import { finished } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { prismListening } from "./net.mjs";

/** The seed of the mock's generated answers (`Prefer: dynamic=true`) when none is given. */
export const DEFAULT_MOCK_SEED = "4242";

/**
 * How to start Prism. `mode`: `mock` (default) serves the spec's examples, `proxy` forwards to `upstream` and validates
 * both ways; `spec`: default `generated/openapi.yaml`; `seed`: of the answers generated for `Prefer: dynamic=true`;
 * `logFile`: default in a temporary folder, removed when Prism stops; `redact`: what each line of the log goes through
 * (`redactingLines`); `ownGroup`: a process group of its own (POSIX), so that a Ctrl-C in the terminal
 * reaches only this process, which may still need Prism; `startTimeoutMs`: how long it may take to listen (30 s).
 * @typedef {{
 *   mode?: "mock" | "proxy",
 *   upstream?: string,
 *   spec?: string,
 *   seed?: string,
 *   logFile?: string,
 *   redact?: (text: string) => string,
 *   ownGroup?: boolean,
 *   startTimeoutMs?: number,
 * }} PrismServerOptions
 */

/**
 * @typedef {{ url: string, logFile: string, stop(): Promise<void> }} PrismServer a running Prism; `stop` (SIGTERM,
 *   SIGKILL after 3 s) resolves once its last output is in the log.
 */

/**
 * Starts Prism on a free 127.0.0.1 port (it takes one itself) and waits until it says it listens; fails with the end
 * of its log if it exits or does not listen in time. Should this process exit without stopping it, Prism is killed.
 * @param {PrismServerOptions} [options]
 * @returns {Promise<PrismServer>}
 */
export async function createPrismServer(options = {}) {
  const { mode = "mock", upstream, seed, redact } = options;
  if (mode === "proxy" && !upstream) throw new Error("createPrismServer: mode proxy needs an upstream URL");
  // Prism's entry script; an error with code `MODULE_NOT_FOUND` when Prism is not installed.
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(manifestPath);
  const entry = path.join(path.dirname(manifestPath), (typeof bin === "string" ? bin : bin?.prism) ?? "dist/index.js");
  const tempDir = options.logFile === undefined ? await mkdtemp(path.join(tmpdir(), "iwerp-prism-")) : undefined;
  const logFile = options.logFile ?? path.join(/** @type {string} */ (tempDir), "prism.log");
  await mkdir(path.dirname(logFile), { recursive: true });
  const spec = options.spec ?? fileURLToPath(new URL("../../generated/openapi.yaml", import.meta.url));
  const args = [entry, mode, spec, ...(mode === "proxy" ? [/** @type {string} */ (upstream)] : []), "-h", "127.0.0.1", "-p", "0", "--errors"];
  if (seed !== undefined) args.push("--seed", seed);
  const group = options.ownGroup === true && process.platform !== "win32";
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: group, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  const log = createWriteStream(logFile);
  // Prism logs what a tenant sent (paths, its violations' messages): redacted before it reaches the file.
  const outputs = [child.stdout, child.stderr].map((output) => (redact ? output.pipe(redactingLines(redact)) : output));
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

/** The longest text held back waiting for a line to end. */
const MAX_LINE = 1024 * 1024;

/** What a part of an endless line keeps back for the next, so a secret split between them is still whole there. */
const OVERLAP = 64 * 1024;

/**
 * A transform stream that writes `redact(line)` for every line of what goes through it (as UTF-8), for output the
 * check does not format itself (Prism's log). A secret is replaced only when it is whole in what is redacted, so the
 * stream holds back the unfinished last line; a line that grows past `MAX_LINE` without ending is passed on in parts,
 * keeping back its last `OVERLAP` characters each time, far more than any encoding of a token takes.
 * @param {(text: string) => string} redact
 * @returns {Transform}
 */
export function redactingLines(redact) {
  const decoder = new StringDecoder("utf8");
  let held = "";
  return new Transform({
    transform(chunk, _encoding, done) {
      held += decoder.write(chunk);
      const end = held.lastIndexOf("\n") + 1;
      let out = "";
      if (end > 0) {
        out = redact(held.slice(0, end));
        held = held.slice(end);
      }
      if (held.length > MAX_LINE) {
        // Redacted whole, then cut: a secret that ends within `held` is gone, one that goes on lies in the
        // part kept back (unless it is longer than OVERLAP), which is redacted again with what follows.
        const redacted = redact(held);
        out += redacted.slice(0, redacted.length - OVERLAP);
        held = redacted.slice(redacted.length - OVERLAP);
      }
      done(null, out || undefined);
    },
    flush(done) {
      held += decoder.end();
      done(null, held ? redact(held) : undefined);
    },
  });
}
