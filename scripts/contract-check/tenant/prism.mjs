// @ts-check
/**
 * Starts Prism's validating proxy (`prism proxy <spec> <upstream> --errors`) from `@stoplight/prism-cli`,
 * wherever npm installed it: in this repository a devDependency, beside the installed package an optional
 * peer dependency the pipeline installs.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { finished } from "node:stream/promises";
import { prismListening } from "../../lib/net.mjs";
import { EXIT, SetupError } from "../options.mjs";
import { redactingLines } from "./redacting-lines.mjs";

/**
 * A running Prism.
 * @typedef {{ url: string, logFile: string, stop: () => Promise<void> }} PrismProcess
 */

/** The Prism CLI's entry script, resolved from this file (so from the installed package too); missing, the command exits with 3. */
function prismEntry() {
  const require = createRequire(import.meta.url);
  let manifestPath;
  try {
    manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new SetupError(
      "Prism (@stoplight/prism-cli, an optional peer dependency) is not installed; --upstream needs it: install it beside the package, e.g. `npm install --no-save @stoplight/prism-cli@5`.",
      EXIT.notInstalled,
    );
  }
  const manifest = require(manifestPath);
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.prism;
  return path.join(path.dirname(manifestPath), bin ?? "dist/index.js");
}

/**
 * Starts `prism proxy spec upstream --errors` on a free 127.0.0.1 port, its output into `logFile` (each line
 * through `redact`), and waits until it says it listens. Prism runs in a process group of its own: a Ctrl-C in
 * the terminal reaches only the check, which still needs Prism to delete what it created. It has 30 s to start.
 * @param {{ spec: string, upstream: string, logFile: string, redact: (text: string) => string }} options
 *   `redact`: removes the secrets from Prism's log.
 * @returns {Promise<PrismProcess>}
 */
export async function startPrismProxy({ spec, upstream, logFile, redact }) {
  const entry = prismEntry();
  const log = createWriteStream(logFile);
  const args = [entry, "proxy", spec, upstream, "-h", "127.0.0.1", "-p", "0", "--errors"];
  // A process group of its own (POSIX): Ctrl-C in a terminal signals the whole foreground group.
  const group = process.platform !== "win32";
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: group, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  // Prism logs what a tenant sent (paths, its violations' messages): redacted before it reaches the file.
  const outputs = [child.stdout, child.stderr].map((source) => source.pipe(redactingLines(redact)));
  for (const lines of outputs) lines.pipe(log, { end: false });
  const drained = Promise.all(outputs.map((lines) => finished(lines).catch(() => {})));
  const listening = prismListening(child, 30_000);
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
  // Ends the log once both outputs have passed on their last lines; a pipe that some other process still
  // holds open keeps the check waiting 2 s at most.
  const endLog = async () => {
    /** @type {NodeJS.Timeout | undefined} */
    let grace;
    await Promise.race([drained, new Promise((resolve) => (grace = setTimeout(resolve, 2000)))]);
    clearTimeout(grace);
    for (const lines of outputs) lines.unpipe(log);
    await new Promise((resolve) => log.end(() => resolve(undefined)));
  };
  const stop = () =>
    new Promise((resolve) => {
      process.off("exit", killOnExit);
      /** @type {NodeJS.Timeout | undefined} */
      let timer;
      const done = () => {
        clearTimeout(timer);
        endLog().then(resolve);
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", done);
      kill("SIGTERM");
      timer = setTimeout(() => kill("SIGKILL"), 3000);
    });
  /** @type {string} */
  let url;
  try {
    url = await listening;
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, "utf8").catch(() => "")).trim().split("\n").slice(-15).join("\n");
    // A setup problem (exit 4), not a failed contract: nothing of the tenant was checked.
    throw new SetupError(`Prism did not start (${error instanceof Error ? error.message : String(error)}). The end of its log ${logFile}:\n${tail}`, EXIT.cannotStart);
  }
  return { url, logFile, stop };
}
