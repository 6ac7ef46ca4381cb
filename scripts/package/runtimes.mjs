// @ts-check
/**
 * The other runtimes the tarball is tried on: the runtime matrix's pinned Node.js 22 and 24 and Bun
 * (`lib/runtimes.mjs`), installed on first use into the cache it shares with `npm run test:runtimes`.
 */
import { ROOT } from "../lib/paths.mjs";
import { run } from "../lib/run.mjs";
import { cliRuntimes, installRuntimes } from "../lib/runtimes.mjs";

/** The matrix's runtimes the consumers run on, besides this Node.js. */
const NAMES = ["Node 22", "Node 24", "Bun"];

/**
 * A runtime ready to run, or why it is not.
 * @typedef {{ name: string, bin: string, version: string } | { name: string, problem: string, skipped: boolean }} Runtime
 */

/**
 * Installs what is missing, then asks each binary its version. Off linux-x64 the runtimes are skipped: the
 * registry packages used here hold linux-x64 binaries.
 * @returns {Promise<Runtime[]>}
 */
export async function prepareRuntimes() {
  const runtimes = cliRuntimes(ROOT).filter((runtime) => NAMES.includes(runtime.name));
  if (process.platform !== "linux" || process.arch !== "x64") {
    return runtimes.map(({ name }) => ({ name, problem: `no ${name} binary from the registry for ${process.platform}-${process.arch}`, skipped: true }));
  }
  const installProblem = await installRuntimes(ROOT);
  return Promise.all(
    runtimes.map(async ({ name, binary }) => {
      if (installProblem) return { name, problem: installProblem, skipped: false };
      const result = await run(binary, ["--version"], { cwd: ROOT, limitMs: 30_000 });
      if (result.code !== 0) return { name, problem: `${binary} --version: ${result.output}`, skipped: false };
      return { name, bin: binary, version: result.stdout.trim() };
    }),
  );
}
