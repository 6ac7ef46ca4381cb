import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../scripts/contract-check/main.mjs";
import { parseOptions, USAGE, UsageError } from "../../scripts/contract-check/options.mjs";
import { DEFAULTS } from "../../src/core/defaults.js";
import { runContractCheck, runContractCheckBin, runEnv } from "../support/run-contract-check.js";

const MAIN = path.resolve(import.meta.dirname, "../../scripts/contract-check/main.mjs");

/** Every module `file` imports statically, recursively: relative files by path, packages by name. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, "utf8");
  for (const [, specifier] of source.matchAll(/^import\s[^;]*?from\s+"([^"]+)";/gms)) {
    if (!specifier) continue;
    if (!specifier.startsWith(".")) {
      seen.add(specifier);
      continue;
    }
    const target = path.resolve(path.dirname(file), specifier);
    if (seen.has(target)) continue;
    seen.add(target);
    staticImports(target, seen);
  }
  return seen;
}

describe("iwerp-contract's command line", () => {
  test("--help and usage errors need nothing but the command line: no test runner, Prism or bundler is loaded first", async () => {
    const loaded = [...staticImports(MAIN)].map((entry) => (path.isAbsolute(entry) ? path.relative(path.dirname(MAIN), entry) : entry));
    expect(loaded.sort()).toEqual(["node:fs", "node:fs/promises", "node:os", "node:path", "node:stream", "node:url", "node:util", "options.mjs", "package-root.mjs"]);

    // How fast that makes --help is measured by `npm run bench:tooling`, not asserted on a shared machine.
    const help = await runContractCheckBin(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: iwerp-contract \[options\][\s\S]*--upstream URL[\s\S]*--log-dir DIR[\s\S]*--max-response-bytes N[\s\S]*Exit status:\n {2}0 {8}every check passed/);
  });

  test("--help names the client's default response limit as the check's, and says that redirects are not followed", () => {
    expect(USAGE).toContain(`(default ${DEFAULTS.maxResponseBytes}, ${DEFAULTS.maxResponseBytes / 1024 / 1024} MiB, the client's maxResponseBytes)`);
    expect(USAGE).toContain("The tenant's redirects are never followed");
  });

  test("--max-response-bytes takes a whole number of bytes up to 1 GiB, with --upstream only", () => {
    const env = runEnv();
    expect(parseOptions(["--upstream", "https://acme.iw-erp.de", "--max-response-bytes", "20971520"], env).maxResponseBytes).toBe(20971520);
    expect(parseOptions(["--upstream", "https://acme.iw-erp.de"], env).maxResponseBytes).toBeUndefined();
    for (const wrong of ["0", "-5", "1.5", "10MB", "1073741825", ""]) {
      expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de", `--max-response-bytes=${wrong}`], env)).toThrow(/--max-response-bytes must be a whole number of bytes from 1 to 1073741824/);
    }
    expect(() => parseOptions(["--max-response-bytes", "1000"], env)).toThrow(/--max-response-bytes applies to --upstream only/);
  });

  test("--allow-writes needs a chat room, and is refused without one", async () => {
    const run = await runContractCheck(["--upstream", "https://acme.iw-erp.de", "--allow-writes"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--allow-writes needs --chatroom-id/);
    expect(run.out).toBe("");
  });

  test("refuses plain http to a host that is not this machine, since the token travels with each request", async () => {
    const run = await runContractCheck(["--upstream", "http://acme.iw-erp.de"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--upstream must use https:\/\//);
  });

  test("needs the token in IWERP_SESSION_TOKEN for a real tenant", async () => {
    const run = await runContractCheck(["--upstream", "https://acme.iw-erp.de"], { tokens: { staff: null } });
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/IWERP_SESSION_TOKEN/);
  });

  test("rejects an unknown step to skip, an unknown option, and options that do not go together", async () => {
    expect((await runContractCheck(["--skip", "lint,tests"])).err).toMatch(/--skip takes lint, drift, typecheck \(got tests\)/);
    expect((await runContractCheck(["--upstrem", "https://acme.iw-erp.de"])).code).toBe(2);
    expect((await runContractCheck(["--chatroom-id", "42"])).err).toMatch(/--chatroom-id applies to --upstream only/);
    expect((await runContractCheck(["--upstream", "https://acme.iw-erp.de", "--chatroom-id", "4x"])).err).toMatch(/--chatroom-id must be the positive whole-number id/);
    expect((await runContractCheck(["--upstream", "https://acme.iw-erp.de", "--dynamic-seed", "1"])).err).toMatch(/--dynamic-seed applies to the embedded mock only/);
  });

  test("an --upstream that ends in the API's own path (/api, /api/chat) is refused with the tenant's address to give instead; another path prefix is kept", () => {
    const env = runEnv();
    expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de/api"], env)).toThrow(
      "--upstream is the tenant's address without the API's path, which the spec's paths begin with (/api/…): e.g. https://acme.iw-erp.de (got https://acme.iw-erp.de/api).",
    );
    expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de/API/chat/"], env)).toThrow(/e\.g\. https:\/\/acme\.iw-erp\.de \(got https:\/\/acme\.iw-erp\.de\/API\/chat\/\)\.$/);
    expect(() => parseOptions(["--upstream", "https://gateway.example/iwerp/api/"], env)).toThrow(/e\.g\. https:\/\/gateway\.example\/iwerp \(got/);
    expect(parseOptions(["--upstream", "https://gateway.example/iwerp/"], env).upstream).toBe("https://gateway.example/iwerp");
    expect(parseOptions(["--upstream", "https://gateway.example/apis"], env).upstream).toBe("https://gateway.example/apis");
  });

  test("--chatroom-id refuses an id past Number.MAX_SAFE_INTEGER, which would be rounded to another room's, and keeps the largest safe one exactly", () => {
    const env = runEnv();
    const upstream = ["--upstream", "https://acme.iw-erp.de"];
    for (const wrong of ["9007199254740992", "9007199254740993", "9999999999999999"]) {
      expect(() => parseOptions([...upstream, "--chatroom-id", wrong], env)).toThrow(
        `--chatroom-id must be the positive whole-number id of a chat room, at most 9007199254740991 (got "${wrong}").`,
      );
    }
    expect(parseOptions([...upstream, "--chatroom-id", "9007199254740991"], env).chatroomId).toBe(Number.MAX_SAFE_INTEGER);
  });

  test("an --upstream of a host and port without a scheme is said to lack its scheme, not to be plain http to another host", () => {
    const env = runEnv();
    for (const value of ["localhost:4010", "acme.iw-erp.de:443"]) {
      expect(() => parseOptions(["--upstream", value], env)).toThrow(
        `--upstream must be a URL with its scheme, such as https://acme.iw-erp.de or http://localhost:4010 (got ${JSON.stringify(value)}).`,
      );
    }
    expect(() => parseOptions(["--upstream", "ftp://acme.iw-erp.de"], env)).toThrow(/--upstream must use https:\/\//);
    expect(parseOptions(["--upstream", "http://localhost:4010"], env).upstream).toBe("http://localhost:4010");
  });

  test("a credential pasted with a scheme or a header's name (\"Bearer eyJ…\", \"x-iw-jwt-token: eyJ…\") is a usage error that names the variable and the prefix, never the value", () => {
    for (const [name, value, prefix] of [
      ["IWERP_API_KEY", "Bearer eyJhbGciOiJIUzI1NiJ9.pasted-with-scheme", "Bearer"],
      ["IWERP_API_KEY", "x-iw-jwt-token:eyJhbGciOiJIUzI1NiJ9.pasted-with-name", "x-iw-jwt-token:"],
      ["IWERP_SESSION_TOKEN", "x-session-token: 3f9a1c0d-pasted-with-name", "x-session-token:"],
      ["IWERP_CUSTOMER_SESSION_TOKEN", "Authorization: Bearer cust-pasted-with-name", "Authorization:"],
    ] as const) {
      const env = { ...runEnv({ staff: name === "IWERP_CUSTOMER_SESSION_TOKEN" ? "staff-token-1" : null }), [name]: value };

      expect(() => parseOptions(["--upstream", "https://acme.iw-erp.de"], env)).toThrow(
        `${name} begins with "${prefix}" before the credential (a scheme or a header's name pasted with it); put the credential alone in it.`,
      );
    }
    // A space elsewhere is the credential's own (the client sends any printable ASCII).
    expect(parseOptions(["--upstream", "https://acme.iw-erp.de"], { ...runEnv({ staff: null }), IWERP_API_KEY: "tokens&<> x-1234" }).upstream).toBe("https://acme.iw-erp.de");
  });

  test("a stray argument, often a credential put where an option's value was meant, is refused without being repeated", async () => {
    const key = "eyJhbGciOiJIUzI1NiJ9.stray-api-key-value";

    const run = await runContractCheck(["--upstream", "https://acme.iw-erp.de", key]);

    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^iwerp-contract: Unexpected argument, which belongs to no option \(not repeated here: it may be a credential, which is read from IWERP_API_KEY, IWERP_SESSION_TOKEN or IWERP_CUSTOMER_SESSION_TOKEN only\)/);
    expect(run.err).not.toContain("stray-api-key-value");
    expect(run.out).toBe("");
  });

  test("an argument that holds a credential of the environment is refused, naming the variable and never repeating the value", async () => {
    const key = "eyJhbGciOiJIUzI1NiJ9.key-given-twice";
    for (const argv of [["--upstream", key], ["--upstream", "https://acme.iw-erp.de", `--token=${key}`]]) {
      let out = "";
      let err = "";
      const code = await main(argv, { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env: { ...runEnv({ staff: null }), IWERP_API_KEY: key } });

      expect([code, out]).toEqual([2, ""]);
      expect(err).toBe(
        "iwerp-contract: an argument holds the value of IWERP_API_KEY: a credential is read from the environment only, never from the command line, where every user of this machine can read it (ps); remove it there. (see `iwerp-contract --help`)\n",
      );
    }
  });

  test("an unknown option named like a credential says that credentials come from the environment only, and repeats no value", async () => {
    for (const option of ["--api-key", "--session-token", "--token", "--password"]) {
      const run = await runContractCheck(["--upstream", "https://acme.iw-erp.de", `${option}=eyJ-secret-value-1234`]);

      expect(run.code).toBe(2);
      expect(run.err).toBe(
        `iwerp-contract: Unknown option '${option}': a credential is read from IWERP_API_KEY, IWERP_SESSION_TOKEN or IWERP_CUSTOMER_SESSION_TOKEN only, never from the command line, where every user of this machine can read it (ps). (see \`iwerp-contract --help\`)\n`,
      );
    }
    expect((await runContractCheck(["--upstrem", "https://acme.iw-erp.de"])).err).toBe("iwerp-contract: Unknown option '--upstrem' (see `iwerp-contract --help`)\n");
  });

  test("--junit and --log-dir refuse an empty value (an unset variable in a pipeline), and --junit a folder or the --log-dir, as usage errors", () => {
    const env = runEnv();
    const upstream = ["--upstream", "https://acme.iw-erp.de"];
    expect(() => parseOptions([...upstream, "--junit="], env)).toThrow("--junit needs a file name, e.g. --junit reports/contract.xml (got an empty one).");
    expect(() => parseOptions([...upstream, "--junit", " "], env)).toThrow(UsageError);
    expect(() => parseOptions([...upstream, "--log-dir="], env)).toThrow("--log-dir needs a folder name, e.g. --log-dir reports/contract-logs (got an empty one).");
    expect(() => parseOptions([...upstream, "--junit", "reports/"], env)).toThrow(`--junit takes the report's file name, not a folder: e.g. --junit ${path.join("reports/", "contract.xml")} (got "reports/").`);
    expect(() => parseOptions([...upstream, "--junit", import.meta.dirname], env)).toThrow(/--junit takes the report's file name, not a folder/);
    // Neither exists yet: the run would create the folder first, and then find it cannot write the report there.
    expect(() => parseOptions([...upstream, "--junit", "reports/contract", "--log-dir", "reports/contract/"], env)).toThrow(
      `--junit takes the report's file name, not the --log-dir folder: e.g. --junit ${path.join("reports/contract", "contract.xml")} (got "reports/contract" for both).`,
    );
    expect(parseOptions([...upstream, "--junit", "reports/contract.xml", "--log-dir", "reports/logs/"], env)).toMatchObject({
      junit: path.resolve("reports/contract.xml"),
      logDir: path.resolve("reports/logs"),
    });
  });

  test("installed, it checks a tenant only: without --upstream it says so", () => {
    expect(() => parseOptions([], runEnv(), { repository: false })).toThrow(UsageError);
    expect(() => parseOptions([], runEnv(), { repository: false })).toThrow(/--upstream URL is needed: the installed command checks a tenant/);
    expect(parseOptions(["--upstream", "http://127.0.0.1:4010", "--log-dir", "logs"], runEnv(), { repository: false })).toMatchObject({
      upstream: "http://127.0.0.1:4010",
      logDir: path.resolve("logs"),
      allowWrites: false,
    });
  });
});
