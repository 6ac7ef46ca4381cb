#!/usr/bin/env node
// @ts-check
/** The `iwerp-contract` command: see `iwerp-contract --help` and scripts/contract-check/main.mjs. */
import { main } from "../scripts/contract-check/main.mjs";

process.exitCode = await main(process.argv.slice(2));
