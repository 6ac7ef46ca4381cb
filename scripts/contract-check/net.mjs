// @ts-check
/** Small network helpers of the servers the check and the tests start: a free port, and waiting until one answers. */
import { createServer } from "node:net";

/**
 * Asks the OS for a port that is free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * Polls `url` until it answers any HTTP request (Prism says 404 for `/`), or fails when `child` exits or
 * `timeoutMs` pass; a poll is woken at once when the process dies. No fixed sleep: it polls every 100 ms.
 * @param {string} url
 * @param {import("node:child_process").ChildProcess} child
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
export async function waitUntilListening(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => {
        const onExit = () => resolve(undefined);
        child.once("exit", onExit);
        setTimeout(() => {
          child.off("exit", onExit);
          resolve(undefined);
        }, 100);
      });
    }
  }
  throw new Error(`it did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts `server` on a free port of 127.0.0.1 and resolves with its base URL, e.g. `http://127.0.0.1:43817`.
 * @param {import("node:http").Server} server
 * @param {string} what names the server in the error when it gets no port.
 * @returns {Promise<string>}
 */
export async function listenOnLoopback(server, what) {
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`${what} has no port`);
  return `http://127.0.0.1:${address.port}`;
}
