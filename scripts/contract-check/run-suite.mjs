// @ts-check
/**
 * Runs the contract suite (vitest project `contract`) in this process through vitest's node API. The target is
 * chosen by `test/support/contract/global-setup.ts` from the environment given here.
 */
import path from "node:path";
import { createVitest } from "vitest/node";
import { ROOT } from "../lib/paths.mjs";
import { OperationReporter } from "./operation-reporter.mjs";

/** The variables the suite reads; each run sets or clears all of them, so nothing leaks in from the shell. */
const SUITE_VARIABLES = [
  "IWERP_CONTRACT_BASE_URL",
  "IWERP_CONTRACT_UPSTREAM",
  "IWERP_CONTRACT_MOCK_URL",
  "IWERP_CONTRACT_DYNAMIC_SEED",
  "IWERP_CONTRACT_ALLOW_WRITES",
  "IWERP_CONTRACT_CHATROOM_ID",
  "IWERP_CONTRACT_RECORDS_FILE",
  "IWERP_CONTRACT_LOG_DIR",
  "IWERP_SESSION_TOKEN",
  "IWERP_API_KEY",
];

/** @param {Record<string, string | undefined>} values sets `SUITE_VARIABLES` to these, unsetting the others. */
function setVariables(values) {
  for (const name of SUITE_VARIABLES) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
}

/**
 * Runs the suite with `variables` set (the suite's global setup and its workers read them), and restores the
 * environment afterwards. Vitest starts up while `variables` settles; the tests run once it has, not at all when it fails.
 * @param {{
 *   variables: Promise<Record<string, string | undefined>>,
 *   stdout: import("node:stream").Writable,
 *   stderr: import("node:stream").Writable,
 * }} options `stdout`/`stderr`: where vitest itself writes (already redacting).
 * @returns {Promise<import("./operation-reporter.mjs").SuiteOutcome>}
 */
export async function runContractSuite({ variables, stdout, stderr }) {
  const saved = Object.fromEntries(SUITE_VARIABLES.map((name) => [name, process.env[name]]));
  const exitCode = process.exitCode;
  const reporter = new OperationReporter();
  /** @type {import("vitest/node").Vitest | undefined} */
  let vitest;
  try {
    vitest = await createVitest(
      "test",
      { root: ROOT, config: path.join(ROOT, "vitest.config.ts"), project: ["contract"], watch: false, reporters: [reporter] },
      {},
      { stdout, stderr },
    );
    setVariables(await variables);
    await vitest.start();
  } catch (error) {
    return { tests: [], errors: [`The contract suite could not run: ${error instanceof Error ? error.message : String(error)}`], ms: 0 };
  } finally {
    await vitest?.close();
    setVariables(saved);
    // vitest sets the exit code of the process it runs in; the caller decides it here.
    process.exitCode = exitCode;
  }
  return reporter.outcome ?? { tests: [], errors: ["The contract suite did not report any result."], ms: 0 };
}
