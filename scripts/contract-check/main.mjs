// @ts-check
/**
 * `iwerp-contract` (and `npm run contract`): the tenant mode with `--upstream`, else, in this repository, the mock
 * mode. Only the command line is loaded up front, so `--help` and usage errors answer at once; then the client (for
 * its redactor, which every output goes through), and vitest or Prism only by the mode that needs them.
 */
import { rmSync } from "node:fs";
import { access, constants, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promises as streams } from "node:stream";
import { EXIT, parseOptions, SetupError, USAGE, UsageError } from "./options.mjs";
import { inRepository } from "./package-root.mjs";

/** @typedef {{ write(text: string): unknown }} Output */

/** @param {unknown} error @returns {string} */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * `text` without control characters but tab and line feed: what a tenant sent (an id, an error's text) must not move
 * the cursor or erase lines of the report in a terminal. Removed before redacting, so a token they split is whole.
 * @param {string} text
 */
const printable = (text) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");

/**
 * The credentials of a run (the API key and the session tokens), as given and as sent (trimmed); blank ones are none.
 * The client's redactor finds each also as a tenant may echo it (JSON-, percent-, HTML-escaped, in base64).
 * @param {NodeJS.ProcessEnv} env
 */
function tokensOf(env) {
  const given = [env.IWERP_API_KEY, env.IWERP_SESSION_TOKEN, env.IWERP_CUSTOMER_SESSION_TOKEN].filter((token) => token?.trim());
  return [...given, ...given.map((token) => token?.trim())];
}

/**
 * Creates `folder` (and its parents) and checks that the run may write there; a `SetupError` (exit 5) otherwise.
 * @param {string} folder
 * @param {string} what the option or the folder's purpose, for the message.
 */
async function writableFolder(folder, what) {
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new SetupError(`cannot write ${what} (${folder}): ${messageOf(error)}.`, EXIT.cannotWrite, { cause: error });
  }
}

/**
 * An abort signal for SIGINT and SIGTERM: the first stops the run, which then waits for the writes in flight, deletes
 * what it created and reports; a second one ends the process at once, listing what exists or may.
 * @param {Output} stderr
 * @param {() => string} leftovers what the run created (or may have) and has not deleted yet, redacted.
 */
function interruptOnSignals(stderr, leftovers) {
  const controller = new AbortController();
  /** @param {NodeJS.Signals} signal */
  const onSignal = (signal) => {
    if (!controller.signal.aborted) {
      stderr.write(`\niwerp-contract: ${signal}: stopping; waiting for the writes in flight, then deleting what this run created (again to stop at once)\n`);
      controller.abort(signal);
      return;
    }
    stderr.write(`\niwerp-contract: ${signal} again: stopping without cleaning up.\n${leftovers()}\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  return { signal: controller.signal, dispose: () => void process.off("SIGINT", onSignal).off("SIGTERM", onSignal) };
}

/**
 * Runs the contract check.
 * @param {string[]} argv the arguments after the command name.
 * @param {{
 *   stdout?: Output,
 *   stderr?: Output,
 *   env?: NodeJS.ProcessEnv,
 *   interrupt?: AbortSignal,
 * } & import("./tenant-mode.mjs").TenantDependencies} [io] where output goes, the environment to read the tokens
 *   from (defaults: the process's); `interrupt`: stops the run like SIGINT (default: the process's SIGINT and
 *   SIGTERM); `client`, `startProxy`: see `TenantDependencies`.
 * @returns {Promise<number>} the exit code.
 * @example
 * process.exitCode = await main(["--upstream", "https://acme.iw-erp.de", "--junit", "reports/contract.xml"]);
 */
export async function main(argv, io = {}) {
  let options;
  try {
    options = parseOptions(argv, io.env ?? process.env, { repository: inRepository() });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // One line, so that it is the last line of a CI log, not scrolled away by the help text.
    (io.stderr ?? process.stderr).write(`iwerp-contract: ${error.message.replace(/\s+/g, " ")} (see \`iwerp-contract --help\`)\n`);
    return EXIT.usage;
  }
  if (options.help) {
    (io.stdout ?? process.stdout).write(USAGE);
    return EXIT.passed;
  }
  /** @type {(text: string) => string} */
  let redact = (text) => text;
  try {
    return await run(options, io, (redactText) => (redact = redactText));
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    (io.stderr ?? process.stderr).write(`iwerp-contract: ${redact(error.message)}\n`);
    return error.exitCode;
  }
}

/**
 * Runs the check for parsed `options`; see `main`. A problem of the setup is thrown as a `SetupError`.
 * @param {import("./options.mjs").ContractCheckOptions} options
 * @param {Parameters<typeof main>[1] & {}} io
 * @param {(redact: (text: string) => string) => void} onRedactor receives the redactor as soon as it exists, so that
 *   a setup error's message is redacted too.
 * @returns {Promise<number>} the exit code.
 */
async function run(options, { stdout = process.stdout, stderr = process.stderr, env = process.env, interrupt, client, startProxy }, onRedactor) {
  // The client's redactor, for every output from here on: the key and the tokens, in every encoding a tenant may
  // echo them in.
  let pkg;
  try {
    pkg = client ?? (await (await import("./tenant/load-client.mjs")).loadClient());
  } catch (error) {
    throw new SetupError(`could not load the client package (${messageOf(error)}); reinstall iwerp-chat-client.`, EXIT.notInstalled, { cause: error });
  }
  const redactor = new pkg.Redactor(tokensOf(env));
  const redact = (/** @type {string} */ text) => redactor.text(text);
  onRedactor(redact);
  // Before anything is checked: a run must not take minutes only to find that it cannot write its report.
  if (options.junit) await writableFolder(path.dirname(options.junit), `the folder of --junit ${options.junit}`);
  if (options.logDir !== undefined) await writableFolder(options.logDir, "--log-dir");
  const print = (/** @type {string} */ text) => stdout.write(`${redact(printable(text))}\n\n`);
  const upstream = options.upstream;
  print(`iwERP contract check: ${upstream ? `${upstream} through Prism's validating proxy (${options.allowWrites ? `writes allowed in chat room ${options.chatroomId}` : "read-only"})` : "the embedded Prism mock (no network)"}`);

  // Logs go to a temporary folder unless --log-dir names one; it is kept (and named) only when the check fails.
  let logDir = options.logDir;
  if (logDir === undefined) {
    try {
      logDir = await mkdtemp(path.join(tmpdir(), "iwerp-contract-"));
    } catch (error) {
      throw new SetupError(`cannot create a temporary log folder in ${tmpdir()} (${messageOf(error)}); pass --log-dir DIR.`, EXIT.cannotWrite, { cause: error });
    }
  }
  /** @type {import("./tenant/ledger.mjs").Ledger | undefined} */
  let ledger;
  // Only a tenant run has something to clean up; the mock suite stops on Ctrl-C as any command does.
  const signals =
    interrupt || !upstream
      ? undefined
      : interruptOnSignals(stderr, () => redact(printable(`${ledger?.describeLeft() ?? "Records left on the tenant: none."}\nLogs (Prism's log): ${logDir}`)));
  const stop = interrupt ?? signals?.signal ?? new AbortController().signal;
  let raw;
  try {
    if (upstream) {
      const { runTenantMode } = await import("./tenant-mode.mjs");
      const maxResponseBytes = options.maxResponseBytes ?? pkg.DEFAULTS.maxResponseBytes;
      raw = await runTenantMode(
        { ...options, upstream, maxResponseBytes },
        { env, print, logDir, interrupt: stop, onLedger: (l) => (ledger = l), client: pkg, redactor, startProxy },
      );
    } else {
      const [{ runMockMode }, { redactingLines }] = await Promise.all([import("./mock-mode.mjs"), import("../lib/prism.mjs")]);
      // vitest's own output, redacted line by line as Prism's log is (a secret split between two writes is whole there).
      const redacting = (/** @type {Output} */ target) => redactingLines(redact).on("data", (text) => target.write(String(text)));
      const [out, err] = [redacting(stdout), redacting(stderr)];
      // A signal ends the mock mode through process.exit (mock-mode.mjs), which names no log folder: a temporary
      // one goes with it.
      const temporary = /** @type {string} */ (logDir);
      const removeTemporary = () => rmSync(temporary, { recursive: true, force: true });
      if (options.logDir === undefined) process.once("exit", removeTemporary);
      try {
        raw = await runMockMode(options, { print, logDir, stdout: out, stderr: err });
      } finally {
        process.off("exit", removeTemporary);
        // What vitest wrote last without a line break is passed on before the report.
        await Promise.all([out.end(), err.end()].map((output) => streams.finished(output)));
      }
    }
  } catch (error) {
    // An empty temporary log folder would be litter; one with Prism's log stays: a Prism that did not start names it.
    if (options.logDir === undefined && (await readdir(logDir).catch(() => [])).length === 0) await rm(logDir, { recursive: true, force: true });
    throw error;
  } finally {
    signals?.dispose();
  }
  // Redacted before it is formatted (a tenant's HTML-escaped echo would be escaped again in JUnit), and each
  // text again after (a token escaped by the formatting itself).
  const report = /** @type {import("./report-model.mjs").ContractReport} */ (redactor.value(raw));
  const [{ renderOperations, renderRecords, renderSummary }, { reportFailures }] = await Promise.all([import("./render-report.mjs"), import("./report-model.mjs")]);
  if (report.operations) print(renderOperations(report));
  else if (report.errors.length > 0) print(report.errors.join("\n"));
  if (upstream && report.operations) print(renderRecords(report.records));
  const passed = reportFailures(report).length === 0;
  const logged = (await readdir(logDir).catch(() => [])).length > 0;
  if (options.logDir !== undefined || (!passed && logged)) print(`Logs (Prism's log${upstream ? ", the exchanges with the tenant" : ""}): ${logDir}`);
  else await rm(logDir, { recursive: true, force: true });
  let unwritten;
  if (options.junit) {
    const { junitXml } = await import("./junit.mjs");
    try {
      await writeFile(options.junit, redact(junitXml(report)));
      print(`JUnit report: ${path.relative(process.cwd(), options.junit) || options.junit}`);
    } catch (error) {
      unwritten = new SetupError(`cannot write --junit ${options.junit}: ${messageOf(error)}.`, EXIT.cannotWrite, { cause: error });
    }
  }
  stdout.write(`${redact(printable(renderSummary(report)))}\n`);
  if (stop.aborted) return stop.reason === "SIGTERM" ? 143 : 130;
  // After the summary, which the console still shows: a pipeline that reads the file must not take its absence for a pass.
  if (unwritten) throw unwritten;
  return passed ? EXIT.passed : EXIT.failed;
}
