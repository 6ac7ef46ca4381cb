#!/usr/bin/env node
// @ts-check
/** `npm run size`: measures the browser bundle of the whole client against its limit; exit 1 when over. */
import { describeSize, measureBundle } from "./bundle-size.mjs";

const size = await measureBundle();
console.log(describeSize(size));
process.exitCode = size.ok ? 0 : 1;
