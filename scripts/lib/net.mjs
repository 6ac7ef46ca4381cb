// @ts-check
/**
 * Where a server listens: every server takes a free port itself (port 0), and nothing polls (see scripts/README.md,
 * Ports). No port is picked first and handed over: another process could take it in between.
 */
import { once } from "node:events";

/** Prism's line once its server listens, e.g. `… Prism is listening on http://127.0.0.1:43817`. */
const PRISM_LISTENING = /Prism is listening on (http:\/\/[^\s\u001b]+)/;

/**
 * Resolves with the base URL Prism announces once it listens (start it with `-p 0` and its stdout piped), or
 * fails when it exits first or announces nothing within `timeoutMs`.
 * @param {import("node:child_process").ChildProcess} child
 * @param {number} timeoutMs
 * @returns {Promise<string>} e.g. `http://127.0.0.1:43817`.
 */
export function prismListening(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    const stdout = child.stdout;
    if (!stdout) throw new Error("Prism's stdout must be piped to read the address it listens on");
    let pending = "";
    /** @param {Buffer | string} chunk */
    const onData = (chunk) => {
      // Whole lines only: a chunk may end in the middle of the address.
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const url = PRISM_LISTENING.exec(line)?.[1];
        if (url !== undefined) return settle(() => resolve(url));
      }
    };
    /** @param {number | null} code @param {NodeJS.Signals | null} signal */
    const onExit = (code, signal) => settle(() => reject(new Error(`it exited (${code ?? signal}) before it listened`)));
    /** @param {Error} error */
    const onError = (error) => settle(() => reject(new Error(`it could not start: ${error.message}`)));
    const timer = setTimeout(() => settle(() => reject(new Error(`it did not listen within ${timeoutMs / 1000} s`))), timeoutMs);
    /** @param {() => void} outcome */
    const settle = (outcome) => {
      clearTimeout(timer);
      stdout.off("data", onData);
      child.off("exit", onExit).off("error", onError);
      outcome();
    };
    stdout.on("data", onData);
    child.once("exit", onExit).once("error", onError);
  });
}

/**
 * Starts `server` on a free port of 127.0.0.1 and resolves with its base URL, e.g. `http://127.0.0.1:43817`.
 * A deep backlog, so a burst of a thousand connects is not dropped and retried by the kernel.
 * @param {import("node:net").Server} server
 * @param {string} what names the server in the error when it gets no port.
 */
export async function listenOnLoopback(server, what) {
  // `once` rejects on an `error` before `listening`, and leaves no listener behind.
  await once(server.listen({ port: 0, host: "127.0.0.1", backlog: 2048 }), "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`${what} has no port`);
  return `http://127.0.0.1:${address.port}`;
}
