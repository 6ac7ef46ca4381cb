// @ts-check
/**
 * `iwerp-contract` (and `npm run contract`): static checks, then the contract suite against the embedded
 * Prism mock or, with `--upstream`, through Prism's validating proxy in front of a real tenant; a
 * readable report, optionally JUnit XML; exit code 0 or 1 (2 for wrong usage).
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { parseRecords } from "../lib/created-records.mjs";
import { junitXml } from "./junit.mjs";
import { parseOptions, USAGE, UsageError } from "./options.mjs";
import { passed, renderRecords, renderSteps, renderSuite, renderSummary } from "./render-report.mjs";
import { runContractSuite } from "./run-suite.mjs";
import { runStaticChecks } from "./static-checks.mjs";

/** @typedef {{ write(text: string): unknown }} Output */

/**
 * A function that removes the session token from text.
 * @param {string | undefined} token
 * @returns {(text: string) => string}
 */
function redactor(token) {
  const secret = token?.trim();
  return secret ? (text) => text.split(secret).join("[redacted]") : (text) => text;
}

/**
 * A stream for vitest's own output that redacts before it writes to `target`.
 * @param {Output} target
 * @param {(text: string) => string} redact
 */
function redactingStream(target, redact) {
  return new Writable({
    write(chunk, _encoding, done) {
      target.write(redact(chunk.toString()));
      done();
    },
  });
}

/**
 * Describes the target for the report.
 * @param {import("./options.mjs").ContractCheckOptions} options
 */
function describeTarget(options) {
  if (!options.upstream) return `the embedded Prism mock of generated/openapi.yaml${options.dynamicSeed ? ` (dynamic responses, seed ${options.dynamicSeed})` : ""}`;
  const writes = options.allowWrites ? `writes allowed in chat room ${options.chatroomId}` : "no writes";
  return `Prism's validating proxy in front of ${options.upstream} (${writes})`;
}

/**
 * Runs the contract check.
 * @param {string[]} argv the arguments after the command name.
 * @param {{ stdout?: Output, stderr?: Output, env?: NodeJS.ProcessEnv }} [io] where output goes and the
 *   environment to read the token from (defaults: the process's).
 * @returns {Promise<number>} the exit code: 0 pass, 1 fail, 2 wrong usage.
 * @example
 * process.exitCode = await main(["--upstream", "https://acme.iw-erp.de", "--junit", "reports/contract.xml"]);
 */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
  let options;
  try {
    options = parseOptions(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`iwerp-contract: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    stdout.write(USAGE);
    return 0;
  }
  const redact = redactor(env.IWERP_SESSION_TOKEN);
  const print = (/** @type {string} */ text) => stdout.write(`${redact(text)}\n\n`);
  const target = describeTarget(options);
  print(`iwERP contract check: ${target}`);

  const steps = await runStaticChecks({ skip: options.skip });
  print(renderSteps(steps));

  let suite;
  /** @type {import("../lib/created-records.mjs").CreatedRecord[] | undefined} */
  let records;
  if (steps.every((step) => step.status === "passed" || step.status === "skipped")) {
    const recordsFile = path.join(tmpdir(), `iwerp-contract-records-${randomUUID()}.jsonl`);
    suite = await runContractSuite({
      variables: {
        IWERP_CONTRACT_UPSTREAM: options.upstream,
        IWERP_CONTRACT_DYNAMIC_SEED: options.dynamicSeed,
        IWERP_CONTRACT_ALLOW_WRITES: options.allowWrites ? "1" : undefined,
        IWERP_CONTRACT_CHATROOM_ID: options.chatroomId === undefined ? undefined : String(options.chatroomId),
        IWERP_CONTRACT_RECORDS_FILE: recordsFile,
        IWERP_SESSION_TOKEN: env.IWERP_SESSION_TOKEN,
      },
      stdout: redactingStream(stdout, redact),
      stderr: redactingStream(stderr, redact),
    });
    print(renderSuite(suite, options.upstream ? `${options.upstream} via Prism's proxy` : "the embedded Prism mock"));
    if (options.upstream) {
      records = parseRecords(await readFile(recordsFile, "utf8").catch(() => ""));
      print(renderRecords(records));
    }
    await rm(recordsFile, { force: true });
  } else {
    print("Contract suite: not run, because a static check failed.");
  }

  if (options.junit) {
    await mkdir(path.dirname(options.junit), { recursive: true });
    await writeFile(options.junit, redact(junitXml({ steps, suite, records })));
    print(`JUnit report: ${path.relative(process.cwd(), options.junit) || options.junit}`);
  }
  stdout.write(`${redact(renderSummary(steps, suite))}\n`);
  return passed(steps, suite) ? 0 : 1;
}
