// @ts-check
/**
 * The size budget of the browser bundle: the whole client (`src/index.ts`, openapi-fetch and the generated
 * validators included), bundled by esbuild for the browser, minified and gzipped. This file holds the one
 * limit; `npm run size` and `npm run check` fail when the bundle grows past it.
 */
import { gzipSync } from "node:zlib";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "../lib/paths.mjs";

/**
 * The most the whole client may weigh in a browser, minified and gzipped, in bytes. Raised from 15 kB to 15.5 kB
 * for the hardening of issue 15 (15,461 B), and to 15.85 kB for issue 16's API keys, soft errors and the
 * create-JWT operation (15,803 B); the response checks generated at build time (issue 17) are to bring it back
 * towards 15 kB.
 */
export const BUNDLE_LIMIT_BYTES = 15_850;

/**
 * Bundles `entry` as a browser ES module, minified, and measures it.
 * @param {string} [entry] default: the client's entry, `src/index.ts`.
 * @returns {Promise<{ minified: number, gzipped: number, limit: number, ok: boolean }>}
 */
export async function measureBundle(entry = path.join(ROOT, "src", "index.ts")) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzipped = gzipSync(code, { level: 9 }).length;
  return { minified: code.length, gzipped, limit: BUNDLE_LIMIT_BYTES, ok: gzipped <= BUNDLE_LIMIT_BYTES };
}

/**
 * One line for a report, e.g. `browser bundle: 13,210 B min+gzip (41,612 B minified), limit 15,000 B`.
 * @param {{ minified: number, gzipped: number, limit: number, ok: boolean }} size
 */
export function describeSize(size) {
  const n = (/** @type {number} */ value) => value.toLocaleString("en-US");
  const verdict = size.ok ? "" : ` — over the limit by ${n(size.gzipped - size.limit)} B; make the client smaller or raise BUNDLE_LIMIT_BYTES in scripts/size/bundle-size.mjs with a reason`;
  return `browser bundle: ${n(size.gzipped)} B min+gzip (${n(size.minified)} B minified), limit ${n(size.limit)} B${verdict}`;
}
