#!/usr/bin/env node
// @ts-check
/** The `iwerp-contract` command: see `iwerp-contract --help` and scripts/contract-check/main.mjs. */
import { main } from "../scripts/contract-check/main.mjs";

// A reader of the report that went away (`| head`, a `| tee` ended by the same Ctrl-C) makes the next write fail with
// EPIPE, an error event nobody handled: the run would end there, with a stack trace and exit 1, before it deleted
// what it created or wrote its JUnit file. What it prints is lost then; the run goes on to its end and exit status.
for (const output of [process.stdout, process.stderr]) output.on("error", () => {});
process.exitCode = await main(process.argv.slice(2));
