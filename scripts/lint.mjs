#!/usr/bin/env node
// @ts-check
/** `npm run lint`: lints the spec in openapi/ with Redocly (rules in redocly.yaml); any warning fails. */
import { lintSpec } from "./lib/redocly.mjs";

lintSpec().then(
  (report) => console.log(report),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
