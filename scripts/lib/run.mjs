// @ts-check
/** The scripts' one way to run a command: to its end or to a time limit, without a shell, keeping what it printed. */
import { spawn } from "node:child_process";

/**
 * How a command ended.
 * @typedef {object} Finished
 * @property {number | null} code the exit code: `null` when a signal ended it or it could not start.
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
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, limitMs?: number }} [options] `limitMs` default 300000.
 * @returns {Promise<Finished>}
 */
export function run(command, args, { cwd, env, limitMs = 300_000 } = {}) {
  return new Promise((resolve) => {
    // Its own process group, so that the kill below reaches the command's children too.
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, limitMs);
    const finish = (/** @type {number | null} */ code) => {
      clearTimeout(timer);
      const output = `${stdout}${stderr}`.trim();
      resolve({ code, stdout, stderr, output: timedOut ? `${output}\n(killed after ${limitMs / 1000} s)`.trim() : output, timedOut });
    };
    child.on("error", (error) => {
      stderr += `${error.message}\n`;
      finish(null);
    });
    child.on("close", finish);
  });
}
