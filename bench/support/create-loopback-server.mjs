// @ts-check
import { fork } from "node:child_process";
import { once } from "node:events";

/**
 * Forks `loopback-server.mjs`, so the server's work never shares the benchmark's event loop, and resolves once it
 * listens (its `{ url }` message) with its URL and `close`, which stops it and waits until it has exited.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function createLoopbackServer() {
  const child = fork(new URL("./loopback-server.mjs", import.meta.url), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = once(child, "exit");
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  };
  try {
    // `once` rejects on the child's `error`; an exit before the message rejects too.
    const [{ url }] = await Promise.race([
      once(child, "message"),
      exited.then(([code, signal]) => Promise.reject(new Error(`the loopback server exited before it listened (${signal ?? code})`))),
    ]);
    return { url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
