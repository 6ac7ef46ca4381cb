// @ts-check
/**
 * Starts `loopback-server.mjs` in a process of its own and resolves once it listens, so the server's
 * work never shares the benchmark's event loop.
 */
import { fork } from "node:child_process";
import { once } from "node:events";

/**
 * A running loopback server.
 * @typedef {object} LoopbackServer
 * @property {string} url e.g. `http://127.0.0.1:41234`
 * @property {number} pid the server process's id.
 * @property {() => Promise<void>} close stops the server process and waits until it has exited.
 */

/**
 * Forks the server and waits for its `{ port }` message; rejects if it exits first.
 * @returns {Promise<LoopbackServer>}
 */
export async function createLoopbackServer() {
  const child = fork(new URL("./loopback-server.mjs", import.meta.url), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = once(child, "exit");
  try {
    const ready = new Promise((resolve, reject) => {
      child.once("message", resolve);
      child.once("error", reject);
      exited.then(([code, signal]) => reject(new Error(`the loopback server exited before it listened (${signal ?? code})`)));
    });
    const { port } = /** @type {{ port: number }} */ (await ready);
    return {
      url: `http://127.0.0.1:${port}`,
      pid: /** @type {number} */ (child.pid),
      close: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill();
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  }
}
