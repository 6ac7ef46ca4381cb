// @ts-check
/** Runs a command to its end or to a time limit, whichever comes first, and keeps what it printed. */
import { spawn } from "node:child_process";

/**
 * How a command ended.
 * @typedef {object} Finished
 * @property {number | null} code the exit code, `null` when a signal ended it.
 * @property {string} stdout
 * @property {string} stderr
 * @property {boolean} timedOut whether the time limit ended it.
 */

/**
 * Runs `command` with `args` and resolves when it has ended. A command still running after `limitMs` is
 * killed with its whole process group (a runtime may have started helpers), so nothing hangs the run.
 * A command that cannot be started resolves with code `null` and the reason in `stderr`.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, limitMs: number }} options
 * @returns {Promise<Finished>}
 */
export function runLimited(command, args, { cwd, env, limitMs }) {
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
      killGroup(child.pid);
    }, limitMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}\n`, timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * @param {number | undefined} pid the leader of the group.
 */
function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
