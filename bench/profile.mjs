// @ts-check
/**
 * `node bench/profile.mjs`: where a contender's time goes, next to bare openapi-fetch's, with the stub as
 * `globalThis.fetch`. Each contender is profiled in a fresh process after a warm-up; the tables show the
 * functions with the most self and inclusive time, in % of the samples and in µs of CPU per call (the
 * share times the CPU per call the process measured while profiling). The profiles are
 * kept in `node_modules/.cache/iwerp-bench/profiles/` for Chrome DevTools (Performance › Load profile).
 * Options: --contender "client, warn" (the default), --op add|list (add), --ms N (4000),
 * --answer length|no-length|gzip (length: the stub's answer with a `Content-Length`; no-length: the stub's answer
 * streamed without one; gzip: the loopback server's gzipped, chunked answer, one call at a time).
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { CACHE_DIR, ROOT, bundleClient } from "./support/bundle-client.mjs";
import { CONTENDERS } from "./support/contenders.mjs";
import { createLoopbackServer } from "./support/create-loopback-server.mjs";
import { GZIP_PREFIX } from "./support/fixtures.mjs";
import { markdown } from "./support/report.mjs";
import { summarizeProfile } from "./support/summarize-profile.mjs";

const { values } = parseArgs({
  options: {
    contender: { type: "string", default: "client, warn" },
    op: { type: "string", default: "add" },
    ms: { type: "string", default: "4000" },
    top: { type: "string", default: "25" },
    answer: { type: "string", default: "length" },
  },
});
const contender = /** @type {import("./support/contenders.mjs").ContenderId} */ (values.contender);
if (!CONTENDERS.includes(contender)) throw new Error(`--contender must be one of ${CONTENDERS.join(", ")}`);
if (values.op !== "add" && values.op !== "list") throw new Error("--op must be add or list");
if (!["length", "no-length", "gzip"].includes(values.answer)) throw new Error("--answer must be length, no-length or gzip");
const top = Number(values.top);

const bundle = await bundleClient();
const dir = path.join(CACHE_DIR, "profiles");
await mkdir(dir, { recursive: true });
const server = values.answer === "gzip" ? await createLoopbackServer() : undefined;
const baseUrl = server ? `${server.url}${GZIP_PREFIX}` : "http://127.0.0.1:9";
try {
  for (const id of new Set(/** @type {const} */ (["openapi-fetch", contender]))) {
    const file = path.join(dir, `${id.replace(/[^a-z]+/g, "-")}-${values.op}-${values.answer}.cpuprofile`);
    const child = fork(new URL("./support/profile-child.mjs", import.meta.url), [id, values.op, values.ms, bundle, file, values.answer, baseUrl]);
    /** @type {{ calls: number, cpuMicrosPerCall: number } | undefined} */
    let measured;
    child.on("message", (message) => {
      measured = /** @type {{ calls: number, cpuMicrosPerCall: number }} */ (message);
    });
    const [code] = await once(child, "exit");
    if (measured === undefined) throw new Error(`the profile of ${id} failed (exit code ${code})`);
    const { calls, cpuMicrosPerCall } = measured;
    const { functions, runtimeOnly, lines } = summarizeProfile(file, bundle, ROOT);
    const perCall = (/** @type {number} */ share) => (share * cpuMicrosPerCall).toFixed(1);
    const pct = (/** @type {number} */ share) => `${(100 * share).toFixed(1)} %`;
    console.log(`\n## ${id}, ${values.op} (${values.answer}): ${calls} calls, ${cpuMicrosPerCall.toFixed(1)} µs CPU per call (${path.relative(ROOT, file)})\n`);
    /** @type {Map<string, number>} */
    const byWhere = new Map();
    for (const f of functions) byWhere.set(f.where, (byWhere.get(f.where) ?? 0) + f.self);
    const whereRows = [...byWhere].sort((a, b) => b[1] - a[1]).map(([where, us]) => [where, pct(us), perCall(us)]);
    console.log(`${markdown(["self time in", "%", "µs/call"], whereRows, [false, true, true])}\n`);
    const row = (/** @type {import("./support/summarize-profile.mjs").FunctionTime} */ f) => [
      f.name,
      f.where,
      pct(f.self),
      perCall(f.self),
      pct(f.total),
      perCall(f.total),
      pct(f.own),
      perCall(f.own),
    ];
    const head = ["function", "code", "self %", "self µs/call", "incl. %", "incl. µs/call", "own+runtime %", "own+runtime µs/call"];
    const right = [false, false, true, true, true, true, true, true];
    const bySelf = [...functions].sort((a, b) => b.self - a.self).slice(0, top);
    console.log(`By self time:\n\n${markdown(head, bySelf.map(row), right)}\n`);
    const ours = functions.filter((f) => f.where === "client" || f.where === "openapi-fetch" || f.where === "generated validators");
    const byTotal = [...ours].sort((a, b) => b.total - a.total).slice(0, top);
    console.log(`Client, validators and openapi-fetch by inclusive time:\n\n${markdown(head, byTotal.map(row), right)}\n`);
    const byOwn = [...ours].sort((a, b) => b.own - a.own).slice(0, top);
    console.log(
      `By own+runtime time (self, plus the undici/Node.js code it calls until our code comes again; ` +
        `${pct(runtimeOnly)} of the samples, ${perCall(runtimeOnly)} µs/call, have none of our frames on the stack: GC, resumed streams and promises):\n\n${markdown(head, byOwn.map(row), right)}\n`,
    );
    if (lines.length > 0) {
      const lineRows = lines.slice(0, top).map((l) => [l.line, pct(l.self), perCall(l.self)]);
      console.log(`The client's source lines by self time (inlined callees may count on the calling line):\n\n${markdown(["line", "self %", "self µs/call"], lineRows, [false, true, true])}`);
    }
  }
} finally {
  await server?.close();
}
