import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EXIT, USAGE } from "../../scripts/contract-check/options.mjs";
import { startTenantProxy } from "../../scripts/contract-check/tenant/tenant-proxy.mjs";
import { createHostileTenant, TOKEN, type HostileTenant } from "../support/create-stand-in.js";
import { RUN_TIMEOUT, runContractCheck, runContractCheckBin, runEnv, SKIP_STATIC } from "../support/run-contract-check.js";

/*
 * Issue 19: a usage error is one line and a pointer to --help (exit 2); a run that cannot be set up exits with a
 * code of its own (3 not installed, 4 a server that does not start, 5 a file that cannot be written), never 1,
 * which says that the contract failed. The codes are listed in --help.
 */

let dir: string;
/** A tenant that counts its requests: a run that cannot be set up sends none. */
let tenant: HostileTenant;

beforeAll(async () => {
  [dir, tenant] = await Promise.all([
    mkdtemp(path.join(tmpdir(), "iwerp-exit-status-")),
    createHostileTenant(async (_request, response, fake) => {
      const answer = await fake();
      response.writeHead(answer.status, answer.headers).end(answer.body);
    }),
  ]);
});
afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a usage error", () => {
  test("prints the one line that says what is wrong and where the help is, exits 2, and prints no help text", async () => {
    const run = await runContractCheckBin(["--upstream", "https://acme.iw-erp.de", "--allow-writes"]);

    expect(run.code).toBe(EXIT.usage);
    expect(run.err).toBe(
      "iwerp-contract: --allow-writes needs --chatroom-id: the chat room the check may create records in. (see `iwerp-contract --help`)\n",
    );
    expect(run.out).toBe("");
  }, RUN_TIMEOUT);

  test("an unknown option is one line too", async () => {
    const run = await runContractCheck(["--upstrem", "https://acme.iw-erp.de"]);

    expect(run.code).toBe(2);
    expect(run.err.split("\n")).toEqual([expect.stringMatching(/^iwerp-contract: Unknown option '--upstrem'.* \(see `iwerp-contract --help`\)$/), ""]);
    expect(run.err).not.toContain("Usage:");
  });
});

describe("setup problems exit with codes of their own", () => {
  test("--help lists every exit status, the setup problems apart from a failed contract", () => {
    expect(EXIT).toEqual({ passed: 0, failed: 1, usage: 2, notInstalled: 3, cannotStart: 4, cannotWrite: 5 });
    expect(USAGE).toMatch(/\n {2}1 {8}the contract failed: a check failed or a record is left behind\n/);
    expect(USAGE).toMatch(/\n {2}3 {8}the installation is incomplete: Prism is not installed beside the package/);
    expect(USAGE).toMatch(/\n {2}4 {8}a server of the check could not start: Prism's proxy or the recording hop/);
    expect(USAGE).toMatch(/\n {2}5 {8}a file or folder the run writes cannot be created or written \(--junit FILE, --log-dir DIR,/);
  });

  test("without Prism installed, the run exits 3 with what to install, before any request reaches the tenant", async () => {
    // The command as a child process whose require cannot find @stoplight/prism-cli, as beside a package
    // installed without its optional peer.
    const preload = path.join(dir, "no-prism.cjs");
    await writeFile(
      preload,
      [
        'const Module = require("node:module");',
        "const resolve = Module._resolveFilename;",
        "Module._resolveFilename = function (request, ...rest) {",
        '  if (request.startsWith("@stoplight/prism-cli")) throw Object.assign(new Error(`Cannot find module ${request}`), { code: "MODULE_NOT_FOUND" });',
        "  return resolve.call(this, request, ...rest);",
        "};",
        "",
      ].join("\n"),
    );
    const before = tenant.received.length;
    const env = { ...runEnv(), NODE_OPTIONS: `--require ${preload}` };

    const run = await runContractCheckBin(["--upstream", tenant.url, ...SKIP_STATIC], { env, cwd: dir });

    expect(run.code, run.out + run.err).toBe(EXIT.notInstalled);
    expect(run.err).toBe(
      "iwerp-contract: Prism (@stoplight/prism-cli, an optional peer dependency) is not installed; --upstream needs it: install it beside the package, e.g. `npm install --no-save @stoplight/prism-cli@5`.\n",
    );
    expect(tenant.received.length).toBe(before);
    expect(run.out + run.err).not.toContain(TOKEN);
    // Nothing left behind in the working directory but the preload.
    expect(await readdir(dir)).toEqual(["no-prism.cjs"]);
  }, RUN_TIMEOUT);

  test("a Prism that does not start exits 4 with the end of its log, not 1", async () => {
    const run = await runContractCheck(["--upstream", tenant.url, "--log-dir", path.join(dir, "prism-fails"), ...SKIP_STATIC], {
      // The real Prism, given a spec that does not exist: it exits before it listens.
      startProxy: async (settings) => {
        const proxy = await startTenantProxy({ ...settings, spec: path.join(dir, "missing-spec.yaml") });
        await proxy.stop();
        throw new Error("Prism started although its spec is missing");
      },
    });

    expect(run.code, run.out + run.err).toBe(EXIT.cannotStart);
    expect(run.err).toMatch(/^iwerp-contract: Prism did not start \(it exited \(\d+\) before it listened\)\. The end of its log .*prism\.log:\n[\s\S]*missing-spec\.yaml/);
    expect(run.out).not.toMatch(/Result:/);
  }, RUN_TIMEOUT);

  test("a --junit file whose folder cannot be created exits 5 before anything is checked", async () => {
    const file = path.join(dir, "a-file");
    await writeFile(file, "");
    const before = tenant.received.length;

    const run = await runContractCheck(["--upstream", tenant.url, "--junit", path.join(file, "report.xml"), ...SKIP_STATIC]);

    expect(run.code, run.out + run.err).toBe(EXIT.cannotWrite);
    expect(run.err.startsWith(`iwerp-contract: cannot write the folder of --junit ${path.join(file, "report.xml")} (${file}): `)).toBe(true);
    expect(run.err).toMatch(/: (EEXIST|ENOTDIR): /);
    expect(run.err.trim().split("\n")).toHaveLength(1);
    expect(tenant.received.length).toBe(before);
  });

  test("a --junit that names an existing folder is a usage error before anything is checked, not a failure to write after the run", async () => {
    const before = tenant.received.length;

    const run = await runContractCheck(["--upstream", tenant.url, "--junit", dir, ...SKIP_STATIC]);

    expect(run.code, run.out + run.err).toBe(EXIT.usage);
    expect(run.err).toBe(
      `iwerp-contract: --junit takes the report's file name, not a folder: e.g. --junit ${path.join(dir, "contract.xml")} (got ${JSON.stringify(dir)}). (see \`iwerp-contract --help\`)\n`,
    );
    expect(run.out).toBe("");
    expect(tenant.received.length).toBe(before);
  }, RUN_TIMEOUT);

  test("a --log-dir that cannot be created exits 5 too", async () => {
    const file = path.join(dir, "another-file");
    await writeFile(file, "");

    const run = await runContractCheck(["--upstream", tenant.url, "--log-dir", path.join(file, "logs"), ...SKIP_STATIC]);

    expect(run.code, run.out + run.err).toBe(EXIT.cannotWrite);
    expect(run.err).toMatch(/^iwerp-contract: cannot write --log-dir \(.*another-file\/logs\): (EEXIST|ENOTDIR): /);
  });
});
