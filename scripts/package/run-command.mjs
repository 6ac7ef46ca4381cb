// @ts-check
/** Runs a command to its end and hands back what it printed: the package check's one way to spawn. */
import { execFile } from "node:child_process";

/**
 * The outcome of a command: `code` is its exit status (1 when it could not start or was killed).
 * @typedef {{ code: number, stdout: string, stderr: string, output: string }} CommandResult
 */

/**
 * Runs `file args` without a shell.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} options `timeoutMs` default 300000.
 * @returns {Promise<CommandResult>} never rejects; `output` is stdout and stderr, trimmed, for reports.
 */
export function runCommand(file, args, { cwd, env, timeoutMs = 300_000 }) {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error && typeof error.code === "number" ? error.code : 1;
      const output = `${stdout}${stderr}`.trim() || (error ? error.message : "");
      resolve({ code: error ? status : 0, stdout, stderr, output });
    });
  });
}
