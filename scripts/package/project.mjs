// @ts-check
/**
 * The package check's one install-compile-run dance: a check is a timed step with one outcome; a project is a fresh
 * folder with the tarball installed; programs run on this Node.js and the matrix's Node.js 22, 24 and Bun.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { ROOT, TSC, TSC_5 } from "../lib/paths.mjs";
import { run } from "../lib/run.mjs";
import { cliRuntimes, installRuntimes } from "../lib/runtimes.mjs";

const require = createRequire(import.meta.url);

/**
 * @typedef {{ status: "pass" | "fail" | "skip", name: string, detail?: string, ms: number }} Check one check's outcome.
 * @typedef {{ name: string, bin: string, version: string } | { name: string, problem: string, skipped: boolean }} Runtime
 */

/** The TypeScript compilers by version: 5.9 compiles (the programs run its output), 7 only type-checks. */
const COMPILERS = {
  "5.9": { tsc: TSC_5, version: require("typescript/package.json").version, args: [] },
  7: { tsc: TSC, version: require("typescript-7/package.json").version, args: ["--noEmit"] },
};

/**
 * Times `fn` and turns what it resolves with (a passing detail, `{ fail }`, `{ skip }`) or throws into a check.
 * @param {string} name
 * @param {() => Promise<string | { fail: string } | { skip: string }>} fn
 * @returns {Promise<Check>}
 */
export async function check(name, fn) {
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

/**
 * This Node.js, then the matrix's Node.js 22, 24 and Bun (skipped off linux-x64), each ready or why not.
 * @returns {Promise<Runtime[]>}
 */
export async function prepareRuntimes() {
  const here = { name: "Node.js", bin: process.execPath, version: process.versions.node };
  const others = cliRuntimes(ROOT).filter((runtime) => ["Node 22", "Node 24", "Bun"].includes(runtime.name));
  if (process.platform !== "linux" || process.arch !== "x64") {
    return [here, ...others.map(({ name }) => ({ name, problem: `no ${name} binary from the registry for ${process.platform}-${process.arch}`, skipped: true }))];
  }
  const installProblem = await installRuntimes(ROOT);
  const ready = others.map(async ({ name, binary }) => {
    if (installProblem) return { name, problem: installProblem, skipped: false };
    const result = await run(binary, ["--version"], { cwd: ROOT, limitMs: 30_000 });
    if (result.code !== 0) return { name, problem: `${binary} --version: ${result.output}`, skipped: false };
    return { name, bin: binary, version: result.stdout.trim() };
  });
  return [here, ...(await Promise.all(ready))];
}

/**
 * Writes `files` into `<work>/<folder>`, installs the tarball and `peers` there, and checks node_modules: each peer
 * at the version asked for, or with no peers the client and openapi-fetch (with its dependencies) alone (no Prism).
 * @param {{ tarball: string, work: string }} context
 * @param {{ folder: string, title: string, files: Record<string, string>, peers: string[] }} project
 * @returns {Promise<{ dir: string, install: Check }>}
 */
export async function installProject({ tarball, work }, { folder, title, files, peers }) {
  const dir = path.join(work, folder);
  const manifest = async (/** @type {string} */ name) => JSON.parse(await readFile(path.join(dir, "node_modules", name, "package.json"), "utf8"));
  const install = await check(`${title}: npm install <tarball>${peers.map((peer) => ` ${peer}`).join("")} into a fresh folder`, async () => {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const result = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...peers], { cwd: dir });
    if (result.code !== 0) return { fail: result.output };
    for (const peer of peers) {
      const name = peer.slice(0, peer.lastIndexOf("@"));
      const { version } = await manifest(name);
      if (peer !== `${name}@${version}`) return { fail: `node_modules holds ${name} ${version}, not ${peer}` };
    }
    if (peers.length > 0) return `installed, ${peers.join(", ")} as asked`;
    const openapiFetch = await manifest("openapi-fetch");
    const modules = (await readdir(path.join(dir, "node_modules"))).filter((name) => !name.startsWith(".")).sort();
    const expected = ["iwerp-chat-client", "openapi-fetch", ...Object.keys(openapiFetch.dependencies ?? {})].sort();
    if (JSON.stringify(modules) !== JSON.stringify(expected)) return { fail: `node_modules holds ${modules.join(", ")}; expected ${expected.join(", ")}` };
    return `with openapi-fetch ${openapiFetch.version} and nothing else`;
  });
  return { dir, install };
}

/**
 * Installs a consumer, compiles it with each of its TypeScript versions, and runs each program on each of its
 * runtimes (one skipped or failed check for a runtime that is not there); stops at a failed install or compilation.
 * @param {import("./consumers.mjs").Consumer} consumer
 * @param {{ tarball: string, work: string, env: NodeJS.ProcessEnv, runtimes: Promise<Runtime[]> }} context
 * @returns {Promise<Check[]>}
 */
export async function checkConsumer({ name, title, files, peers, typescript, programs, on }, { tarball, work, env, runtimes }) {
  const { dir, install } = await installProject({ tarball, work }, { folder: `consumer-${name}`, title: `${name} (${title})`, files, peers });
  if (install.status !== "pass") return [install];
  const compiled = await Promise.all(
    typescript.map((version) => {
      const { tsc, args } = COMPILERS[version];
      return check(`${name}: tsc -p tsconfig.json${args.map((arg) => ` ${arg}`).join("")} on TypeScript ${COMPILERS[version].version}`, async () => {
        const result = await run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false", ...args], { cwd: dir });
        return result.code === 0 ? "no errors" : { fail: result.output };
      });
    }),
  );
  const checks = [install, ...compiled];
  if (compiled.some((item) => item.status !== "pass")) return checks;
  for (const runtimeName of on) {
    const runtime = (await runtimes).find((candidate) => candidate.name === runtimeName) ?? { name: runtimeName, problem: "not a runtime of the package check", skipped: false };
    if (!("bin" in runtime)) {
      checks.push(await check(`${name}: on ${runtime.name}`, async () => (runtime.skipped ? { skip: runtime.problem } : { fail: runtime.problem })));
      continue;
    }
    for (const { file, title: what, expected } of programs) {
      checks.push(
        await check(`${name}: ${what} (${file}) on ${runtime.name} ${runtime.version}`, async () => {
          const result = await run(runtime.bin, [file], { cwd: dir, env, limitMs: 60_000 });
          if (result.code !== 0 || result.stdout.trim() !== expected) return { fail: `exit code ${result.code}, expected output "${expected}":\n${result.output}` };
          return expected;
        }),
      );
    }
  }
  return checks;
}
