// @ts-check
/**
 * `iwerp-fake-tenant` as an installed package runs it (`node_modules/.bin/iwerp-fake-tenant`, what `npx` starts:
 * started directly, so that SIGTERM reaches it and not npm): in a folder where the tarball is installed, on a
 * free port; it must print its URL and credentials, answer a call with its session token (CORS headers on
 * it), log that call on one line without the token, and end with exit status 0 on SIGTERM.
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** How long the installed command may take to print its URL, and to stop: a safety net only. */
const TIMEOUT_MS = 60_000;

/**
 * Runs the installed `iwerp-fake-tenant` in `dir` and checks it.
 * @param {string} dir a folder with the tarball installed (`node_modules/.bin/iwerp-fake-tenant`).
 * @returns {Promise<string | { fail: string }>} what it did, or why it failed.
 */
export async function checkFakeTenantCli(dir) {
  const child = spawn(path.join(dir, "node_modules", ".bin", "iwerp-fake-tenant"), ["--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (err += chunk));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const safetyNet = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
  try {
    /** @type {string | undefined} */
    const url = await new Promise((resolve) => {
      const look = () => {
        const found = /a fake iwERP tenant at (http:\/\/\S+)/.exec(out)?.[1];
        if (found !== undefined && out.includes("Requests:\n")) resolve(found);
      };
      child.stdout.on("data", look);
      void exited.then(() => resolve(undefined));
    });
    if (url === undefined) return { fail: `it exited before it served:\n${out}${err}` };
    const token = /x-session-token: (\S+)/.exec(out)?.[1] ?? "";
    const response = await fetch(`${url}/api/chat/chatroom_participant?chatroom=42`, { headers: { "x-session-token": token } });
    const listed = await response.json();
    if (response.status !== 200 || !Array.isArray(listed) || listed[0]?.first_name !== "Ada") return { fail: `the list answered ${response.status}: ${JSON.stringify(listed)}` };
    if (response.headers.get("access-control-allow-origin") !== "*") return { fail: "the answer has no CORS header" };
    while (!out.includes("GET /api/chat/chatroom_participant 200\n")) {
      if (child.exitCode !== null) return { fail: `it did not log the call:\n${out}` };
      await new Promise((resolve) => child.stdout.once("data", resolve));
    }
    if (out.split("Requests:\n")[1]?.includes(token)) return { fail: `a request line shows the session token:\n${out}` };
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) return { fail: `SIGTERM ended it with exit status ${code}:\n${out}${err}` };
    return `served ${url}, listed room 42 with the printed token, logged the call, exit 0 on SIGTERM`;
  } finally {
    clearTimeout(safetyNet);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
