// @ts-check
/**
 * Bundles the client from `src/index.ts` with esbuild, so the benchmark measures the working tree without
 * `npm run build`. openapi-fetch stays external: the bundle imports the very module bare openapi-fetch is measured with.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Where the benchmark keeps what it builds and records; inside node_modules, so git ignores it. */
export const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "iwerp-bench");

/**
 * Bundles `src/index.ts` into `CACHE_DIR`, unminified (a profile should name the source's functions), with a
 * source map; resolves to the bundle's path, or throws esbuild's reasons.
 */
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
    external: ["openapi-fetch"],
    sourcemap: "linked",
    logLevel: "silent",
  });
  return outfile;
}
