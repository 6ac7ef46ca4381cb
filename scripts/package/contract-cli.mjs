// @ts-check
/**
 * The commands as a pipeline installs them (tarball and Prism): `npx iwerp-contract --upstream URL` against the
 * package's own fake tenant, read-only and with writes, and `iwerp-fake-tenant`. Only the asked-for JUnit file may appear.
 */
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "../lib/run.mjs";
import { check, installProject } from "./project.mjs";

/** The session tokens the stand-in accepts: staff, and a customer's for the customer portal (which refuses staff). */
const TOKEN = "pipeline-session-token";
const CUSTOMER_TOKEN = "pipeline-customer-token";

/** The Prism the repository tests with, installed beside the package. */
const PRISM = `@stoplight/prism-cli@${createRequire(import.meta.url)("@stoplight/prism-cli/package.json").version}`;

/**
 * Installs the tarball and Prism into `work/pipeline`, then runs the commands there.
 * @param {{ tarball: string, work: string }} options
 * @returns {Promise<import("./project.mjs").Check[]>}
 */
export async function checkContractCli({ tarball, work }) {
  const files = { "package.json": `${JSON.stringify({ name: "pipeline", version: "1.0.0", private: true }, null, 2)}\n` };
  const { dir, install } = await installProject({ tarball, work }, { folder: "pipeline", title: "pipeline", files, peers: [PRISM] });
  if (install.status !== "pass") return [install];

  const testing = pathToFileURL(path.join(dir, "node_modules", "iwerp-chat-client", "dist", "esm", "src", "testing", "index.js")).href;
  const { createFakeTenant, serveFakeTenant } = await import(testing);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("IWERP_")));

  /**
   * One `npx iwerp-contract` run against a fresh stand-in; `judge` names the problem, if any.
   * @param {string[]} args
   * @param {(out: string, tenant: any) => string | undefined} judge
   */
  const runContract = async (args, judge) => {
    const tenant = createFakeTenant({ sessions: [TOKEN], customerSessions: [CUSTOMER_TOKEN] });
    const standIn = await serveFakeTenant(tenant);
    try {
      const result = await run("npx", ["--no-install", "iwerp-contract", "--upstream", standIn.url, ...args], {
        cwd: dir,
        env: { ...env, IWERP_SESSION_TOKEN: TOKEN, IWERP_CUSTOMER_SESSION_TOKEN: CUSTOMER_TOKEN },
        limitMs: 120_000,
      });
      const problem = result.code !== 0 ? `exit code ${result.code}` : judge(result.stdout, tenant);
      if (problem) return { fail: `${problem}:\n${result.output}` };
      return result.stdout.trim().split("\n").at(-1) ?? "";
    } finally {
      await standIn.close();
    }
  };

  const readOnly = await check("pipeline: npx iwerp-contract --upstream <stand-in> --chatroom-id 42 --junit reports/tenant.xml (read-only)", () =>
    runContract(["--chatroom-id", "42", "--junit", "reports/tenant.xml"], (out, tenant) => {
      if (!/^Result: PASS — operations: 7 checked/m.test(out)) return "not every GET operation was checked";
      if (tenant.requests.some((/** @type {{ method: string }} */ r) => r.method !== "GET")) return "a read-only run sent more than GETs";
      return undefined;
    }),
  );
  const writes = await check("pipeline: npx iwerp-contract --upstream <stand-in> --allow-writes --chatroom-id 42", () =>
    runContract(["--allow-writes", "--chatroom-id", "42"], (out, tenant) => {
      if (!/^Result: PASS — operations: 12 checked/m.test(out)) return "not every operation it can check was checked";
      if (!out.includes("Records: created 2, deleted 2.")) return "the records were not reported as created and deleted";
      const left = [...tenant.state.participants, ...tenant.state.reactions].filter((/** @type {{ id: number, deleted?: boolean }} */ r) => r.id !== 42 && !r.deleted);
      if (left.length > 0) return "a record the run created is still there";
      return undefined;
    }),
  );
  const fakeTenant = await check("pipeline: node_modules/.bin/iwerp-fake-tenant --port 0 serves the fake tenant until SIGTERM", () => checkFakeTenantCli(dir));
  const clean = await check("pipeline: the folder holds only what was installed and the JUnit file asked for", async () => {
    const entries = (await readdir(dir)).sort();
    const expected = ["node_modules", "package-lock.json", "package.json", "reports"];
    if (JSON.stringify(entries) !== JSON.stringify(expected)) return { fail: `found ${entries.join(", ")}; expected ${expected.join(", ")}` };
    const xml = await readFile(path.join(dir, "reports", "tenant.xml"), "utf8");
    return `${[...xml.matchAll(/<testsuite /g)].length} JUnit test suites in reports/tenant.xml`;
  });
  return [install, readOnly, writes, fakeTenant, clean];
}

/** A safety net only: how long the installed command may take to print its URL, and to stop. */
const TIMEOUT_MS = 60_000;

/**
 * Runs the installed `node_modules/.bin/iwerp-fake-tenant` on a free port (directly, not through npx, so that SIGTERM
 * reaches it and not npm): it must print its URL and credentials, answer a call with its session token (with CORS
 * headers), log that call on one line without the token, and end with exit status 0 on SIGTERM.
 * @param {string} dir a folder with the tarball installed.
 * @returns {Promise<string | { fail: string }>} what it did, or why it failed.
 */
async function checkFakeTenantCli(dir) {
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
