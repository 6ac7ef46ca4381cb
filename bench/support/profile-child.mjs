// @ts-check
/**
 * One contender's CPU profile with the stub as `globalThis.fetch` (`profile.mjs` forks it): warms the
 * contender up, then records V8's CPU profile (the profiler `node --cpu-prof` uses, started after the
 * warm-up so that neither start-up nor JIT compilation is in it) while calling it for `ms`, and writes it
 * as a `.cpuprofile` file that Chrome DevTools opens.
 * Arguments: contender id, operation (`add` or `list`), ms, client bundle, output file, the answer (`no-length`:
 * the stub's answers without `Content-Length`; `gzip`: the runtime's fetch to the base URL; else the stub's with it),
 * and the base URL.
 * Sends its parent `{ calls, cpuMicrosPerCall }`.
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { createContender } from "./contenders.mjs";
import { runBatch } from "./interleave.mjs";
import { stubFetch, unframedStubFetch } from "./stub-fetch.mjs";

const [id, op, ms, clientBundle = "", output = "", answer, baseUrl = "http://127.0.0.1:9"] = process.argv.slice(2);
if (answer !== "gzip") globalThis.fetch = answer === "no-length" ? unframedStubFetch : stubFetch;
const contender = await createContender(/** @type {import("./contenders.mjs").ContenderId} */ (id), { baseUrl, clientBundle });
const call = op === "list" ? contender.list : contender.add;
await runBatch(call, 1500, 1);
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });
await session.post("Profiler.start");
const { calls, cpuMicrosPerCall } = await runBatch(call, Number(ms), 1);
const { profile } = await session.post("Profiler.stop");
session.disconnect();
await writeFile(output, JSON.stringify(profile));
process.send?.({ calls, cpuMicrosPerCall }, () => process.disconnect());
