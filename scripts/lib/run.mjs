// @ts-check
/** The scripts' one way to run a command: to its end or to a time limit, without a shell, keeping what it printed. */
import { spawn } from "node:child_process";

/**
 * How a command ended.
 * @typedef {object} Finished
 * @property {number | null} code the exit code: `null` when a signal ended it or it could not start.
 * @property {NodeJS.Signals | null} signal the signal that ended it, if one did.
 * @property {string} stdout
 * @property {string} stderr
 * @property {string} output both, trimmed, for reports: with why it could not start, or the time limit.
 * @property {boolean} timedOut
 */

/**
 * Runs `command` with `args` and resolves when it has ended; never rejects. A command still running after `limitMs`
 * is killed with its whole process group (a runtime or npm may have started helpers), so nothing hangs the run.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, limitMs?: number, show?: boolean, signal?: AbortSignal }} [options]
 *   `limitMs` default 300000 (`Infinity`: none); `show`: its output goes straight to this process's (not kept), and it
 *   stays in this process's group, so a Ctrl-C in the terminal reaches it; `signal`: aborted with a signal's name
 *   (`SIGINT`), sends that signal to the command.
 * @returns {Promise<Finished>}
 */
export function run(command, args, { cwd, env, limitMs = 300_000, show = false, signal } = {}) {
  return new Promise((resolve) => {
    // Its own process group, so that the kill below reaches the command's children too.
    const child = spawn(command, args, { cwd, env, detached: !show, stdio: show ? "inherit" : ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const kill = (/** @type {NodeJS.Signals} */ name) => {
      try {
        if (child.pid !== undefined) process.kill(show ? child.pid : -child.pid, name);
      } catch {
        // Already gone.
      }
    };
    const limit = () => {
      timedOut = true;
      kill("SIGKILL");
    };
    const timer = limitMs === Infinity ? undefined : setTimeout(limit, limitMs);
    const abort = () => kill(signal?.reason);
    signal?.addEventListener("abort", abort);
    const finish = (/** @type {number | null} */ code, /** @type {NodeJS.Signals | null} */ ended = null) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      const output = `${stdout}${stderr}`.trim();
      resolve({ code, signal: ended, stdout, stderr, output: timedOut ? `${output}\n(killed after ${limitMs / 1000} s)`.trim() : output, timedOut });
    };
    child.on("error", (error) => {
      stderr += `${error.message}\n`;
      finish(null);
    });
    child.on("close", finish);
  });
}
