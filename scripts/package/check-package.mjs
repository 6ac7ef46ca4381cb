#!/usr/bin/env node
// @ts-check
/**
 * `npm run test:package`: proves that the package works once installed, from the very tarball
 * `npm publish` would upload. It packs (the `prepack` script builds `dist/`), checks what the tarball
 * holds, lints it (publint --strict, attw with its default `strict` profile), dry-runs `npm publish` on it,
 * installs it into fresh consumer projects in the temp folder and runs them against a local participant
 * server: `import` and `require()` on this Node.js and on Node.js 22 and 24 and Bun (installed on first use,
 * see runtimes.mjs), and TypeScript consumers with moduleResolution bundler, node16 (CommonJS output)
 * and nodenext, each compiled with TypeScript 5.9 and type-checked with TypeScript 7 (this repository's two), and
 * node10 (CommonJS output), compiled with 5.9 alone; all with `strict` and `exactOptionalPropertyTypes`. Each consumer also uses
 * `iwerp-chat-client/raw` (consumers.mjs: openapi-fetch's own client over the main entry's) and
 * `iwerp-chat-client/testing` (testing-entry.mjs: a fake tenant serves the main entry's client, no server). A project
 * with msw and @tanstack/query-core uses `iwerp-chat-client/testing/msw` and `iwerp-chat-client/query` (app-kit-entries.mjs).
 * A pipeline folder gets the tarball and Prism, and runs `npx iwerp-contract --upstream` against a stand-in
 * tenant (contract-cli.mjs) and `npx iwerp-fake-tenant` (fake-tenant-cli.mjs). One line per check; exit code 1 if any failed.
 * Nothing is written to the repository but the git-ignored `dist/`; the temp folder is removed unless a
 * check failed (then its path is printed).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { TSC, TSC_5 } from "../lib/paths.mjs";
import { startStandIn } from "../lib/stand-in.mjs";
import { CONSUMERS, EXPECTED_OUTPUT } from "./consumers.mjs";
import { checkAppKitEntries } from "./app-kit-entries.mjs";
import { checkContractCli } from "./contract-cli.mjs";
import { lintTarball, packTarball } from "./pack.mjs";
import { run } from "../lib/run.mjs";
import { prepareRuntimes } from "./runtimes.mjs";
import { withTestingEntry } from "./testing-entry.mjs";

/** The session token the consumers send and the stand-in accepts. */
const TOKEN = "package-check-token";

/**
 * One check's outcome, printed as one line (and its detail, indented, when it did not pass).
 * @typedef {{ status: "pass" | "fail" | "skip", name: string, detail?: string, ms: number }} Check
 * @typedef {import("./consumers.mjs").Consumer} Consumer
 * @typedef {import("./runtimes.mjs").Runtime} Runtime
 */

/**
 * What the tarball may hold: the build, the contract-check command (its tenant mode; the rest of it needs the
 * repository) with the bundled spec it validates against, the fake-tenant command, and what npm always adds.
 */
const SHIPPED =
  /^(dist\/.+|bin\/iwerp-(contract|fake-tenant)\.mjs|generated\/openapi\.yaml|scripts\/contract-check\/(main|options|package-root|tenant-mode|render-report|report-model|junit)\.mjs|scripts\/lib\/net\.mjs|scripts\/contract-check\/tenant\/[a-z-]+\.mjs|package\.json|README\.md|LICENSE(\.md)?)$/;

const require = createRequire(import.meta.url);

/**
 * The TypeScript compilers a TypeScript consumer must pass: 5.9 compiles it (the programs run its output), 7 only
 * type-checks it (TypeScript 7 has no `node10` resolution: the node10 consumer is compiled by 5.9 alone).
 */
const COMPILERS = [
  { tsc: TSC_5, version: require("typescript/package.json").version, args: [] },
  { tsc: TSC, version: require("typescript-7/package.json").version, args: ["--noEmit"] },
];

/**
 * Times `fn` and turns what it returns (or throws) into a check.
 * @param {string} name
 * @param {() => Promise<string | { fail: string } | { skip: string }>} fn resolves with a passing detail,
 *   `{ fail }` or `{ skip }`; a throw fails the check with its message.
 * @returns {Promise<Check>}
 */
async function check(name, fn) {
  const started = performance.now();
  /** @type {Omit<Check, "ms">} */
  let result;
  try {
    const outcome = await fn();
    if (typeof outcome === "string") result = { status: "pass", name, detail: outcome };
    else if ("fail" in outcome) result = { status: "fail", name, detail: outcome.fail };
    else result = { status: "skip", name, detail: outcome.skip };
  } catch (error) {
    result = { status: "fail", name, detail: error instanceof Error ? error.message : String(error) };
  }
  return { ...result, ms: Math.round(performance.now() - started) };
}

/** @param {Check} item */
function print({ status, name, detail, ms }) {
  const mark = { pass: "✓", fail: "✗", skip: "-" }[status];
  const firstLine = status === "pass" && detail ? `: ${detail}` : status === "skip" ? `: skipped, ${detail}` : "";
  console.log(`${mark} ${name}${firstLine} (${(ms / 1000).toFixed(1)} s)`);
  if (status === "fail" && detail) {
    const lines = detail.trim().split("\n");
    for (const line of lines.slice(0, 40)) console.log(`    ${line}`);
    if (lines.length > 40) console.log(`    … (${lines.length - 40} more lines)`);
  }
}

/**
 * The tarball's package.json, read from the tarball itself.
 * @param {string} tarball
 * @param {string} work a scratch folder.
 * @returns {Promise<Record<string, any>>}
 */
async function packedManifest(tarball, work) {
  const result = await run("tar", ["-xzOf", tarball, "package/package.json"], { cwd: work });
  if (result.code !== 0) throw new Error(`tar could not read package.json from the tarball:\n${result.output}`);
  return JSON.parse(result.stdout);
}

/**
 * Every file path `exports`, `main` and `types` name (nested conditions included), without `./`.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
function entryFiles(manifest) {
  /** @type {string[]} */
  const found = [];
  /** @param {unknown} value */
  const walk = (value) => {
    if (typeof value === "string") found.push(value.replace(/^\.\//, ""));
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk([manifest.exports, manifest.main, manifest.types]);
  return found;
}

/**
 * The tarball holds the build, the command and nothing else: no sources, no source maps, no repository
 * scripts; every entry point and the `bin` are in it. App users install one runtime dependency
 * (openapi-fetch); Prism, which only the command needs, is an optional peer dependency.
 * @param {import("./pack.mjs").Packed} packed
 * @param {Record<string, any>} manifest
 */
function checkContents(packed, manifest) {
  const problems = [];
  const unexpected = packed.files.filter((file) => !SHIPPED.test(file) || file.endsWith(".map") || (file.endsWith(".ts") && !file.endsWith(".d.ts")));
  if (unexpected.length > 0) problems.push(`files that should not ship: ${unexpected.join(", ")}`);
  const missing = entryFiles(manifest).filter((file) => file !== "package.json" && !packed.files.includes(file));
  if (missing.length > 0) problems.push(`entry points missing from the tarball: ${missing.join(", ")}`);
  const bins = Object.values(manifest.bin ?? {}).map((file) => String(file).replace(/^\.\//, ""));
  for (const name of ["iwerp-contract", "iwerp-fake-tenant"]) if (!manifest.bin?.[name]) problems.push(`no "bin" ${name}: the command is not installed`);
  for (const file of bins.filter((bin) => !packed.files.includes(bin))) problems.push(`the bin ${file} is missing from the tarball`);
  if (JSON.stringify(Object.keys(manifest.dependencies ?? {})) !== JSON.stringify(["openapi-fetch"])) {
    problems.push(`dependencies must be openapi-fetch only (got ${Object.keys(manifest.dependencies ?? {}).join(", ")})`);
  }
  if (manifest.peerDependenciesMeta?.["@stoplight/prism-cli"]?.optional !== true) problems.push("@stoplight/prism-cli must be an optional peer dependency");
  for (const format of ["esm", "cjs"]) {
    if (!packed.files.includes(`dist/${format}/package.json`)) problems.push(`dist/${format}/package.json (its module format) is missing`);
  }
  if (problems.length > 0) return { fail: problems.join("\n") };
  return `${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed: dist/ (ESM and CommonJS), the iwerp-contract and iwerp-fake-tenant commands and the bundled spec; every entry point present; one dependency (openapi-fetch), Prism an optional peer`;
}

/**
 * `npm publish --dry-run` of the tarball, which does not refuse a `"private": true` package (npm 11), so that is checked here.
 * @param {string} tarball
 * @param {Record<string, any>} manifest
 * @param {string} work
 */
async function checkPublish(tarball, manifest, work) {
  if (manifest.private === true) return { fail: 'package.json has "private": true, so a real `npm publish` would refuse it' };
  const result = await run("npm", ["publish", "--dry-run", tarball], { cwd: work });
  if (result.code !== 0) return { fail: result.output };
  return `would publish ${manifest.name}@${manifest.version} (dry run)`;
}

/**
 * Creates one consumer project, installs the tarball, compiles it if it is TypeScript and runs its
 * programs; then the JavaScript programs on the other runtimes.
 * @param {Consumer} consumer
 * @param {{ tarball: string, work: string, env: NodeJS.ProcessEnv, runtimes: Promise<Runtime[]> }} context
 * @returns {Promise<Check[]>}
 */
async function checkConsumer(consumer, { tarball, work, env, runtimes }) {
  const dir = path.join(work, `consumer-${consumer.name}`);
  const checks = [];
  const install = await check(`${consumer.name}: npm install <tarball> into a fresh ${consumer.title} project`, async () => {
    for (const [file, text] of Object.entries(consumer.files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const result = await run("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: dir });
    if (result.code !== 0) return { fail: result.output };
    const installed = JSON.parse(await readFile(path.join(dir, "node_modules", "openapi-fetch", "package.json"), "utf8"));
    // An app gets the client and openapi-fetch (with its own dependencies), nothing of the contract check (no Prism).
    const modules = (await readdir(path.join(dir, "node_modules"))).filter((name) => !name.startsWith(".")).sort();
    const expected = ["iwerp-chat-client", "openapi-fetch", ...Object.keys(installed.dependencies ?? {})].sort();
    if (JSON.stringify(modules) !== JSON.stringify(expected)) return { fail: `node_modules holds ${modules.join(", ")}; expected ${expected.join(", ")}` };
    return `with openapi-fetch ${installed.version} and nothing else`;
  });
  checks.push(install);
  if (install.status !== "pass") return checks;

  if (consumer.typescript) {
    const compiled = await Promise.all(
      COMPILERS.filter(({ tsc }) => !consumer.typeScript5Only || tsc === TSC_5).map(({ tsc, version, args }) =>
        check(`${consumer.name}: ${args.length > 0 ? "type-checks" : "type-checks and compiles"} on TypeScript ${version} (tsc -p tsconfig.json${args.map((arg) => ` ${arg}`).join("")})`, async () => {
          const result = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false", ...args], { cwd: dir });
          return result.code === 0 ? "no errors" : { fail: result.output };
        }),
      ),
    );
    checks.push(...compiled);
    if (compiled.some((item) => item.status !== "pass")) return checks;
  }

  /** @param {string} runtime @param {string} bin @param {{ file: string, title: string, expected?: string }} program */
  const runProgram = (runtime, bin, program) =>
    check(`${consumer.name}: ${program.title} (${program.file}) on ${runtime} ${program.expected ? "uses a fake tenant" : "makes a real call"}`, async () => {
      const expected = program.expected ?? EXPECTED_OUTPUT;
      const result = await run(bin, [program.file], { cwd: dir, env, limitMs: 60_000 });
      if (result.code !== 0 || result.stdout.trim() !== expected) return { fail: `exit code ${result.code}, expected output "${expected}":\n${result.output}` };
      return program.expected ? "participant stored and listed, AuthenticationError thrown, all by the fake; listed again over HTTP (serveFakeTenant)" : "participant stored (also through iwerp-chat-client/raw), AuthenticationError thrown";
    });
  for (const program of consumer.programs) checks.push(await runProgram(`Node.js ${process.versions.node}`, process.execPath, program));
  if (!consumer.otherRuntimes) return checks;

  for (const runtime of await runtimes) {
    if (!("bin" in runtime)) {
      const { name, problem, skipped } = runtime;
      checks.push(await check(`${consumer.name}: on ${name}`, async () => (skipped ? { skip: problem } : { fail: problem })));
      continue;
    }
    for (const program of consumer.programs) checks.push(await runProgram(`${runtime.name} (${runtime.version})`, runtime.bin, program));
  }
  return checks;
}

/**
 * Lints the tarball, as two checks timed together.
 * @param {string} tarball
 * @returns {Promise<Check[]>}
 */
async function checkLints(tarball) {
  const started = performance.now();
  const results = await lintTarball(tarball);
  const ms = Math.round(performance.now() - started);
  return results.map(({ name, ok, output }) => (ok ? { status: "pass", name, detail: "no problems", ms } : { status: "fail", name, detail: output, ms }));
}

/**
 * Packs, then runs every other check side by side (installing the runtimes, linting, the dry run, the
 * consumers) and prints the lines in a fixed order.
 * @param {string} work the temp folder.
 * @param {string} serverUrl the participant server.
 * @returns {Promise<Check[]>}
 */
async function runChecks(work, serverUrl) {
  /** @type {import("./pack.mjs").Packed | undefined} */
  let packed;
  const pack = await check("pack: npm pack (prepack: npm run build)", async () => {
    packed = await packTarball(work);
    return path.basename(packed.tarball);
  });
  print(pack);
  if (!packed) return [pack];
  const { tarball } = packed;
  const manifest = await packedManifest(tarball, work);
  const contents = checkContents(packed, manifest);
  const env = { ...process.env, IWERP_BASE_URL: serverUrl, IWERP_TOKEN: TOKEN };
  const runtimes = prepareRuntimes();
  const groups = await Promise.all([
    check("contents", async () => contents).then((item) => [item]),
    checkLints(tarball),
    check("npm publish --dry-run <tarball>", () => checkPublish(tarball, manifest, work)).then((item) => [item]),
    ...CONSUMERS.map(withTestingEntry).map((consumer) => checkConsumer(consumer, { tarball, work, env, runtimes })),
    checkContractCli({ tarball, work }, check),
    checkAppKitEntries({ tarball, work, runtimes }, check),
  ]);
  const rest = groups.flat();
  rest.forEach(print);
  return [pack, ...rest];
}

/**
 * Runs every check in a fresh temp folder with the participant server up, and sums up.
 * @returns {Promise<boolean>} whether none failed.
 */
async function main() {
  const started = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), "iwerp-package-"));
  // The tests' stand-in, with the spec's answers: a participant stored with `TOKEN` (id 7, as EXPECTED_OUTPUT says), 401 without.
  const server = await startStandIn({ token: TOKEN, stored: { id: 7 } });
  /** @type {Check[]} */
  let checks;
  try {
    checks = await runChecks(work, server.url);
  } catch (error) {
    // A failure of the check itself (e.g. the tarball cannot be read) is a failed check, never a pass.
    /** @type {Check} */
    const crash = { status: "fail", name: "package check", detail: error instanceof Error ? (error.stack ?? error.message) : String(error), ms: 0 };
    print(crash);
    checks = [crash];
  } finally {
    await server.close();
  }
  const failed = checks.filter((item) => item.status === "fail").length;
  const skipped = checks.filter((item) => item.status === "skip").length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failed > 0) {
    console.log(`\npackage: FAIL (${failed} of ${checks.length} checks failed) in ${seconds} s; consumer projects kept in ${work}`);
    return false;
  }
  await rm(work, { recursive: true, force: true });
  console.log(`\npackage: PASS (${checks.length - skipped} checks passed${skipped > 0 ? `, ${skipped} skipped` : ""}) in ${seconds} s`);
  return true;
}

process.exitCode = (await main()) ? 0 : 1;
