#!/usr/bin/env node
// @ts-check
/** `npm run size`: measures each browser bundle budget (the whole client, a participants-only app, the whole client with the raw entry); exit 1 when one is over. */
import { stop } from "esbuild";
import { BUDGETS, describeSize, measureBundle } from "./bundle-size.mjs";

const sizes = await Promise.all(BUDGETS.map(measureBundle));
await stop();
for (const size of sizes) console.log(describeSize(size));
process.exitCode = sizes.every((size) => size.ok) ? 0 : 1;
