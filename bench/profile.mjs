// @ts-check
/**
 * `node bench/profile.mjs`: records where one contender's time goes, for Chrome DevTools (Performance › Load
 * profile; the client is bundled unminified, so its functions keep their names). After a warm-up, it records V8's
 * CPU profile (the profiler `node --cpu-prof` uses, started after the warm-up so that neither start-up nor JIT
 * compilation is in it) while calling the contender, then prints the calls and the CPU per call, and where the
 * `.cpuprofile` went (`node_modules/.cache/iwerp-bench/profiles/`). Profile `--contender openapi-fetch` the same
 * way to compare. Options: --contender "client, warn" (the default), --op add|list (add), --ms N (4000),
 * --answer length|no-length|gzip (length: the stub's answer with a `Content-Length`; no-length: the stub's answer
 * streamed without one; gzip: the loopback server's gzipped, chunked answer).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../scripts/lib/paths.mjs";
import { CACHE_DIR, bundleClient } from "./support/bundle-client.mjs";
import { CONTENDERS, createContender } from "./support/contenders.mjs";
import { createLoopbackServer } from "./support/create-loopback-server.mjs";
import { GZIP_PREFIX } from "./support/fixtures.mjs";
import { runBatch } from "./support/interleave.mjs";
import { stubFetch, unframedStubFetch } from "./support/stub-fetch.mjs";

const { values } = parseArgs({
  options: {
    contender: { type: "string", default: "client, warn" },
    op: { type: "string", default: "add" },
    ms: { type: "string", default: "4000" },
    answer: { type: "string", default: "length" },
  },
});
const id = /** @type {import("./support/contenders.mjs").ContenderId} */ (values.contender);
if (!CONTENDERS.includes(id)) throw new Error(`--contender must be one of ${CONTENDERS.join(", ")}`);
if (values.op !== "add" && values.op !== "list") throw new Error("--op must be add or list");
if (!["length", "no-length", "gzip"].includes(values.answer)) throw new Error("--answer must be length, no-length or gzip");

const clientBundle = await bundleClient();
const server = values.answer === "gzip" ? await createLoopbackServer() : undefined;
if (!server) globalThis.fetch = values.answer === "no-length" ? unframedStubFetch : stubFetch;
try {
  const contender = await createContender(id, { baseUrl: server ? `${server.url}${GZIP_PREFIX}` : "http://127.0.0.1:9", clientBundle });
  const call = values.op === "list" ? contender.list : contender.add;
  await runBatch(call, 1500, 1);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  const { calls, cpuMicrosPerCall } = await runBatch(call, Number(values.ms), 1);
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const file = path.join(CACHE_DIR, "profiles", `${id.replace(/[^a-z]+/g, "-")}-${values.op}-${values.answer}.cpuprofile`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(profile));
  console.log(`${id}, ${values.op} (${values.answer}): ${calls} calls, ${cpuMicrosPerCall.toFixed(1)} µs CPU per call; profile: ${path.relative(ROOT, file)}`);
} finally {
  await server?.close();
}
