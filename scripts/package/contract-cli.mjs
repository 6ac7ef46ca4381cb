// @ts-check
/**
 * The contract check as a pipeline installs it: the tarball and `@stoplight/prism-cli` (its optional peer
 * dependency, as the README says) installed into a fresh folder, then `npx iwerp-contract --upstream URL`
 * run there against a stand-in tenant (the installed package's own fake tenant, served over HTTP by its
 * `serveFakeTenant`), read-only and with writes; and the installed `npx iwerp-fake-tenant` (fake-tenant-cli.mjs).
 * Nothing but the asked-for JUnit file may appear in the folder.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../lib/paths.mjs";
import { run } from "../lib/run.mjs";
import { checkFakeTenantCli } from "./fake-tenant-cli.mjs";
import { check, installProject } from "./project.mjs";

/** The session tokens the stand-in accepts and the runs send: staff, and a customer's for the customer portal (which refuses staff). */
const TOKEN = "pipeline-session-token";
const CUSTOMER_TOKEN = "pipeline-customer-token";

/**
 * The Prism version the repository tests with (its devDependency), installed beside the package.
 * @returns {Promise<string>}
 */
async function prismVersion() {
  const manifest = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
  return manifest.devDependencies["@stoplight/prism-cli"];
}

/**
 * Installs the tarball and Prism into `work/pipeline`, then runs the command there, read-only and with writes.
 * @param {{ tarball: string, work: string }} options
 * @returns {Promise<import("./project.mjs").Check[]>}
 */
export async function checkContractCli({ tarball, work }) {
  const files = { "package.json": `${JSON.stringify({ name: "pipeline", version: "1.0.0", private: true }, null, 2)}\n` };
  const { dir, install } = await installProject({ tarball, work }, { folder: "pipeline", title: "pipeline", files, peers: [`@stoplight/prism-cli@${await prismVersion()}`] });
  if (install.status !== "pass") return [install];

  const testing = pathToFileURL(path.join(dir, "node_modules", "iwerp-chat-client", "dist", "esm", "src", "testing", "index.js")).href;
  const { createFakeTenant, serveFakeTenant } = await import(testing);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("IWERP_")));

  /**
   * One `npx iwerp-contract` run against a fresh stand-in.
   * @param {string[]} args
   * @param {(out: string, tenant: any) => string | undefined} judge the problem, if any.
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
