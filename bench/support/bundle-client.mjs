// @ts-check
/**
 * Bundles the client from its TypeScript sources (`src/index.ts`) with esbuild into one ES module under
 * `node_modules/.cache/iwerp-bench/` (git-ignored), so the benchmark measures the working tree without
 * `npm run build`. openapi-fetch stays external: the bundle imports the very module bare openapi-fetch
 * is measured with, resolved from the repository's node_modules.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Where the benchmark keeps what it builds and records; inside node_modules, so git ignores it. */
export const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "iwerp-bench");
/** The bundled client. */
export const CLIENT_BUNDLE = path.join(CACHE_DIR, "client.mjs");

/**
 * Bundles `src/index.ts` to `CLIENT_BUNDLE`, unminified (a profile should name the source's functions),
 * with a source map. Throws esbuild's reasons when the sources do not build.
 * @returns {Promise<string>} the bundle's path.
 */
export async function bundleClient() {
  await mkdir(CACHE_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "src", "index.ts")],
    outfile: CLIENT_BUNDLE,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["openapi-fetch"],
    sourcemap: "linked",
    logLevel: "silent",
  });
  return CLIENT_BUNDLE;
}
