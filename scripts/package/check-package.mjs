#!/usr/bin/env node
// @ts-check
/**
 * `npm run test:package` (see README.md here): one line per check; exit code 1 if any failed. Writes only `dist/` in
 * the repository; the temp folder is kept (and named) only when a check failed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../lib/run.mjs";
import { startStandIn } from "../lib/stand-in.mjs";
import { CONSUMERS } from "./consumers.mjs";
import { checkContractCli } from "./contract-cli.mjs";
import { lintTarball, packTarball } from "./pack.mjs";
import { check, checkConsumer, prepareRuntimes } from "./project.mjs";

const TOKEN = "package-check-token";

/** @typedef {import("./project.mjs").Check} Check */

/**
 * What the tarball may hold: the build, the contract-check command's tenant mode (the rest needs the repository) with
 * the bundled spec, the fake-tenant command, and what npm always adds.
 */
const SHIPPED =
  /^(dist\/.+|bin\/iwerp-(contract|fake-tenant)\.mjs|generated\/openapi\.yaml|scripts\/contract-check\/(main|options|package-root|tenant-mode|render-report|report-model|junit)\.mjs|scripts\/lib\/(net|prism)\.mjs|scripts\/contract-check\/tenant\/[a-z-]+\.mjs|package\.json|README\.md|LICENSE(\.md)?)$/;

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

/** The package.json in the tarball. @param {string} tarball @param {string} work @returns {Promise<Record<string, any>>} */
async function packedManifest(tarball, work) {
  const result = await run("tar", ["-xzOf", tarball, "package/package.json"], { cwd: work });
  if (result.code !== 0) throw new Error(`tar could not read package.json from the tarball:\n${result.output}`);
  return JSON.parse(result.stdout);
}

/**
 * The tarball holds the build and the commands (`publint --strict` finds every entry point and `bin` file), and nothing
 * else (no sources, maps or repository scripts); one runtime dependency (openapi-fetch); Prism, which only the command
 * needs, an optional peer.
 * @param {import("./pack.mjs").Packed} packed
 * @param {Record<string, any>} manifest
 */
function checkContents(packed, manifest) {
  const problems = [];
  const unexpected = packed.files.filter((file) => !SHIPPED.test(file) || file.endsWith(".map") || (file.endsWith(".ts") && !file.endsWith(".d.ts")));
  if (unexpected.length > 0) problems.push(`files that should not ship: ${unexpected.join(", ")}`);
  for (const name of ["iwerp-contract", "iwerp-fake-tenant"]) if (!manifest.bin?.[name]) problems.push(`no "bin" ${name}: the command is not installed`);
  if (JSON.stringify(Object.keys(manifest.dependencies ?? {})) !== JSON.stringify(["openapi-fetch"])) {
    problems.push(`dependencies must be openapi-fetch only (got ${Object.keys(manifest.dependencies ?? {}).join(", ")})`);
  }
  if (manifest.peerDependenciesMeta?.["@stoplight/prism-cli"]?.optional !== true) problems.push("@stoplight/prism-cli must be an optional peer dependency");
  for (const format of ["esm", "cjs"]) {
    if (!packed.files.includes(`dist/${format}/package.json`)) problems.push(`dist/${format}/package.json (its module format) is missing`);
  }
  if (problems.length > 0) return { fail: problems.join("\n") };
  return `${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed: dist/ (ESM and CommonJS), the iwerp-contract and iwerp-fake-tenant commands and the bundled spec; one dependency (openapi-fetch), Prism an optional peer`;
}

/**
 * `npm publish --dry-run` of the tarball, which does not refuse a `"private": true` package (npm 11): checked here.
 * @param {string} tarball @param {Record<string, any>} manifest @param {string} work a scratch folder.
 */
async function checkPublish(tarball, manifest, work) {
  if (manifest.private === true) return { fail: 'package.json has "private": true, so a real `npm publish` would refuse it' };
  const result = await run("npm", ["publish", "--dry-run", tarball], { cwd: work });
  if (result.code !== 0) return { fail: result.output };
  return `would publish ${manifest.name}@${manifest.version} (dry run)`;
}

/** Lints the tarball, as two checks timed together. @param {string} tarball @returns {Promise<Check[]>} */
async function checkLints(tarball) {
  const started = performance.now();
  const results = await lintTarball(tarball);
  const ms = Math.round(performance.now() - started);
  return results.map(({ name, ok, output }) => (ok ? { status: "pass", name, detail: "no problems", ms } : { status: "fail", name, detail: output, ms }));
}

/** Packs in `work`, then runs the other checks side by side, printed in order. @param {string} work @param {string} serverUrl */
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
    ...CONSUMERS.map((consumer) => checkConsumer(consumer, { tarball, work, env, runtimes })),
    checkContractCli({ tarball, work }),
  ]);
  const rest = groups.flat();
  rest.forEach(print);
  return [pack, ...rest];
}

/** Runs every check in a fresh temp folder with the participant server up, and sums up. @returns {Promise<boolean>} */
async function main() {
  const started = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), "iwerp-package-"));
  // The tests' stand-in: a participant stored with `TOKEN` (id 7, as the consumers' programs expect), 401 without.
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
