// @ts-check
/** One contender's memory run, forked by `measureMemory`: `count` `add` calls in flight at once, each result checked. */
import { createContender } from "./contenders.mjs";
import { gatedStubFetch } from "./stub-fetch.mjs";

const [id, countArgument, clientBundle = "", framing] = process.argv.slice(2);
const count = Number(countArgument);
globalThis.fetch = gatedStubFetch(count, { unframed: framing === "unframed" });
const contender = await createContender(/** @type {import("./contenders.mjs").ContenderId} */ (id), { baseUrl: "http://127.0.0.1:9", clientBundle });
const baselineBytes = process.memoryUsage.rss();
const results = await Promise.all(Array.from({ length: count }, () => contender.add()));
const peakBytes = process.resourceUsage().maxRSS * 1024;
const wrong = results.filter((result) => /** @type {{ id?: unknown }} */ (result)?.id !== 42).length;
if (wrong > 0) throw new Error(`${id}: ${wrong} of ${count} calls returned something else than the participant`);
process.send?.({ baselineBytes, peakBytes }, () => process.disconnect());
