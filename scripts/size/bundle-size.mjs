// @ts-check
/**
 * The browser bundle's size budgets (esbuild, minified, gzipped): the whole client, an app that uses only chat room
 * participants (`participants-app.ts`) and the client with the `/raw` entry (`raw-app.ts`). `npm run size` and
 * `npm run check` fail when a bundle grows past its limit.
 */
import { gzipSync } from "node:zlib";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "../lib/paths.mjs";

/**
 * The most the whole client may weigh in a browser, minified and gzipped, in bytes. openapi-fetch's `createClient`
 * is not part of it: only the `iwerp-chat-client/raw` entry (`createRawClient`) imports it.
 */
export const BUNDLE_LIMIT_BYTES = 15_000;

/**
 * The most the whole client and the `iwerp-chat-client/raw` entry may weigh together, in bytes: the ~2.3 kB over the
 * whole client is openapi-fetch's `createClient` with its serializers of every style. 17,200 B measured, plus about
 * 10 B: raised from 16,750 B by the same fixes as `PARTICIPANTS_LIMIT_BYTES`, and by what only `watch` and `login`
 * (which the participants app leaves out) paid for: a watch poll that ran into its deadline, or whose body broke off
 * or stalled, waited out instead of ending the watch (+51 B); a page that is not newest first refused, which the watch
 * read without ever yielding a new item (+72 B); a login `token` that is no string refused, as it was echoed
 * unredacted (+26 B).
 */
export const RAW_LIMIT_BYTES = 17_210;

/**
 * What an app that imports only `createConnection` and `ChatroomParticipants` should weigh, in bytes (issue 17).
 * Not reached yet: such an app bundles of openapi-fetch only the three functions that write a request
 * (`createFinalURL`, `serializePrimitiveParam`, `mergeHeaders`: about 0.25 kB; issue 17 asks that the client wrap
 * openapi-fetch, so the core keeps them rather than a copy), no operation table, no other resource, no login.
 * Of its 12 kB (gzipped) its generated part (four operations and their checks) is about 0.7 kB; the rest is what
 * every call runs (options and their checks about 2.2 kB, attempts and retries, errors and their messages, input
 * checks, redaction), about 2 kB of it the words of messages. `npm run size` reports how far it is.
 */
export const PARTICIPANTS_TARGET_BYTES = 11_000;

/**
 * The most that app may weigh, in bytes, until it reaches `PARTICIPANTS_TARGET_BYTES` (12,605 B measured, plus about
 * 10 B). Of what is over the target, the features the client keeps cost, gzipped: the request body walk about 550 B,
 * the secret's encodings in the redactor about 450 B, the `headers` option's checks about 360 B, the date-time rules
 * beyond the pattern about 200 B, naming a response check's issues about 190 B, Deno's connect errors about 180 B, a
 * problem-details body's summary about 180 B. Raised from 12,210 B for defects that a hostile or unusual answer
 * showed (each commit says what it cost): secrets echoed as base64, as UTF-8 read as Latin-1, as a named HTML entity
 * or trimmed (about +190 B); a refused TLS certificate told apart (not sent, not retried: +37 B); an `Authorization` header
 * in `headers` redacted (+21 B); `listAll` and `watch` refusing options that are no object (+16 B); a body that is a
 * Node.js stream (node-fetch: +52 B); an opaque answer told apart from a redirect (+76 B); a response check that stops
 * at its 50th issue (+5 B); a query that is an iterable refused (+9 B); an async logger's or `onRetry` hook's failure
 * ignored (+14 B); a certificate Deno refuses (+14 B) and an `https://` to a port that speaks plain http (+17 B), each
 * told apart as not sent and not retried; a secret field's value given as a number redacted (+9 B).
 */
export const PARTICIPANTS_LIMIT_BYTES = 12_615;

/**
 * @typedef {{ name: string, entry: string, limit: number, target?: number }} Budget
 * @typedef {Budget & { minified: number, gzipped: number, ok: boolean, code: string }} Size
 */

/** What `npm run size` measures. @type {Budget[]} */
export const BUDGETS = [
  { name: "whole client", entry: path.join(ROOT, "src", "index.ts"), limit: BUNDLE_LIMIT_BYTES },
  {
    name: "participants-only app",
    entry: path.join(ROOT, "scripts", "size", "participants-app.ts"),
    limit: PARTICIPANTS_LIMIT_BYTES,
    target: PARTICIPANTS_TARGET_BYTES,
  },
  { name: "whole client + iwerp-chat-client/raw", entry: path.join(ROOT, "scripts", "size", "raw-app.ts"), limit: RAW_LIMIT_BYTES },
];

/**
 * Bundles a budget's entry as a browser ES module, minified, and measures it.
 * @param {Budget} budget
 * @returns {Promise<Size>} with `code`, the minified bundle.
 */
export async function measureBundle(budget) {
  const result = await build({
    entryPoints: [budget.entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  return { ...budget, minified: bytes.length, gzipped, ok: gzipped <= budget.limit, code: new TextDecoder().decode(bytes) };
}

/**
 * One line for a report, e.g. `whole client: 14,910 B min+gzip (47,612 B minified), limit 15,000 B`, with how far
 * a bundle is from its target, if it has one and is over it.
 * @param {Size} size
 */
export function describeSize(size) {
  const n = (/** @type {number} */ value) => value.toLocaleString("en-US");
  const verdict = size.gzipped <= size.limit ? "" : ` — over the limit by ${n(size.gzipped - size.limit)} B; make the client smaller or raise its limit in scripts/size/bundle-size.mjs with a reason`;
  const target = size.target === undefined || size.gzipped <= size.target ? "" : `; target ${n(size.target)} B, ${n(size.gzipped - size.target)} B to go`;
  return `${size.name}: ${n(size.gzipped)} B min+gzip (${n(size.minified)} B minified), limit ${n(size.limit)} B${target}${verdict}`;
}
