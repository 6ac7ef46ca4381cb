// @ts-check
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "../../scripts/lib/paths.mjs";

/** Where the benchmark keeps what it builds and records; inside node_modules, so git ignores it. */
export const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "iwerp-bench");

/** Bundles `src/index.ts` with esbuild into `CACHE_DIR`, unminified (a profile names the source's functions); resolves to its path. */
export async function bundleClient() {
  const outfile = path.join(CACHE_DIR, "client.mjs");
  await mkdir(CACHE_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "src", "index.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // The bundle imports the very openapi-fetch that bare openapi-fetch is measured with.
    external: ["openapi-fetch"],
    sourcemap: "linked",
    logLevel: "silent",
  });
  return outfile;
}
