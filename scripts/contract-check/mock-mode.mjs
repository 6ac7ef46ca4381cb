// @ts-check
/**
 * The repository's mock mode (`npm run contract` without `--upstream`): the static checks, then the contract
 * suite (vitest project `contract`) against the embedded Prism mocks, its results by operation.
 */
import path from "node:path";
import { createPrismServer, DEFAULT_MOCK_SEED } from "../lib/prism.mjs";
import { runStaticChecks } from "./static-checks.mjs";
import { renderSteps } from "./render-report.mjs";
import { operationReport } from "./report-model.mjs";

/**
 * @typedef {import("./report-model.mjs").ContractReport} ContractReport
 * @typedef {import("./report-model.mjs").OperationReport} OperationReport
 * @typedef {import("./run-suite.mjs").TestOutcome} TestOutcome
 */

/** The operation of the suite's tests outside a top-level `describe("<operationId>")`. */
export const WHOLE_SPEC = "(whole spec)";

/**
 * The failure lines of a failed test: each Prism violation with its path, then the test's errors (without the
 * generic "Prism reported sl-violations" assertion, which the violations already show).
 * @param {TestOutcome} test
 */
function failureLines(test) {
  const violations = test.violations.map((v) => `${v.path || "(whole exchange)"}: ${v.message}  [Prism ${v.severity}]`);
  const errors = test.violations.length > 0 ? test.errors.filter((e) => !e.startsWith("Prism reported sl-violations")) : test.errors;
  return [`(${test.file})`, ...violations, ...errors.flatMap((e) => e.split("\n").slice(0, 8))];
}

/**
 * The suite's tests grouped by operation (the top-level describe), in the order of `operations` (the spec's), then
 * any other group; the tests outside an operation last.
 * @param {TestOutcome[]} tests
 * @param {Readonly<Record<string, { method: string, path: string }>>} operations the operation table.
 * @returns {OperationReport[]}
 */
export function operationsOfSuite(tests, operations) {
  /** @type {Map<string, TestOutcome[]>} */
  const groups = new Map(Object.keys(operations).map((id) => [id, []]));
  for (const test of tests) if (test.operation !== WHOLE_SPEC) groups.set(test.operation, [...(groups.get(test.operation) ?? []), test]);
  const whole = tests.filter((test) => test.operation === WHOLE_SPEC);
  if (whole.length > 0) groups.set(WHOLE_SPEC, whole);
  return [...groups].map(([operation, group]) => {
    const reported = group.map((t) => ({
      name: t.name,
      state: /** @type {"passed" | "failed" | "skipped"} */ (t.state === "pending" ? "skipped" : t.state),
      ms: t.ms,
      requests: 0,
      failure: t.state === "failed" ? failureLines(t) : [],
      ...(t.state === "skipped" || t.state === "pending" ? { note: t.note ?? "skipped" } : {}),
    }));
    const op = operations[operation];
    const title = op ? `${op.method} ${op.path}` : operation === WHOLE_SPEC ? "tests of the spec as a whole" : "";
    const report = operationReport(operation, title, reported, [], "the contract suite has no test of it");
    return operation === WHOLE_SPEC ? { ...report, whole: true } : report;
  });
}

/**
 * Exits with 130 or 143 on SIGINT or SIGTERM as a command without handlers would, but through `process.exit`, so that
 * the run's Prism is killed on the way out instead of outliving it.
 * @returns {() => void} removes the handlers.
 */
function exitOnSignals() {
  const onSignal = (/** @type {NodeJS.Signals} */ signal) => process.exit(signal === "SIGINT" ? 130 : 143);
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  return () => void process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
}

/**
 * Runs the mock mode: Prism, the static checks and the contract suite side by side (the suite's global setup takes
 * this Prism through `IWERP_CONTRACT_MOCK_URL`). The suite's results count only when every static check passed.
 * Prism is stopped at the end, whatever the outcome.
 * @param {import("./options.mjs").ContractCheckOptions} options
 * @param {{ print: (text: string) => void, logDir: string, stdout: import("node:stream").Writable, stderr: import("node:stream").Writable }} io
 *   `logDir`: where Prism's log goes; `stdout`/`stderr`: where vitest itself writes.
 * @param {typeof import("./run-suite.mjs").runContractSuite} [runSuite] runs the suite (default: vitest's, loaded only now).
 * @returns {Promise<ContractReport>}
 */
export async function runMockMode(options, { print, logDir, stdout, stderr }, runSuite) {
  const started = performance.now();
  const seed = options.dynamicSeed || DEFAULT_MOCK_SEED;
  const target = `the embedded Prism mocks of generated/openapi.yaml${options.dynamicSeed ? ` (dynamic responses, seed ${options.dynamicSeed})` : ""}`;
  const removeSignalHandlers = exitOnSignals();
  // Started first: its start-up (seconds of CPU) overlaps vitest's and the static checks.
  const mock = createPrismServer({ seed, logFile: path.join(logDir, "prism-mock.log"), startTimeoutMs: 120_000 });
  const variables = mock.then(({ url }) => ({ IWERP_CONTRACT_MOCK_URL: url, IWERP_CONTRACT_DYNAMIC_SEED: seed, IWERP_CONTRACT_LOG_DIR: logDir }));
  try {
    const suiteRun = (async () => (runSuite ?? (await import("./run-suite.mjs")).runContractSuite)({ variables, stdout, stderr }))();
    // Each is awaited below or by the suite; this only keeps a failure from going unhandled in the meantime.
    for (const pending of [variables, suiteRun]) pending.catch(() => {});
    const steps = await runStaticChecks({ skip: options.skip });
    print(renderSteps(steps));
    if (!steps.every((step) => step.status === "passed" || step.status === "skipped")) {
      await suiteRun.catch(() => {});
      return { target, steps, operations: undefined, errors: ["The contract suite's results do not count, because a static check failed."], ms: Math.round(performance.now() - started) };
    }
    const [suite, { OPERATIONS }] = await Promise.all([suiteRun, import("../../generated/operations.js")]);
    const operations = operationsOfSuite(suite.tests, OPERATIONS);
    // Against the mock every operation of the spec gets tests that run (the coverage gate sees to it): one that got
    // none lost them on the way (a test file that did not load, and a suite that did not report it), and a check of
    // nothing is no pass.
    const unchecked = operations.filter((op) => op.status === "not checked" && !op.whole).map((op) => op.operation);
    const errors = [
      ...suite.errors,
      ...(suite.tests.length === 0 && suite.errors.length === 0 ? ["No contract test ran."] : []),
      ...(suite.tests.length > 0 && unchecked.length > 0 ? [`No contract test ran for ${unchecked.join(", ")}, although the mock answers every operation.`] : []),
    ];
    return { target, steps, operations, errors, ms: suite.ms };
  } finally {
    await (await mock.catch(() => undefined))?.stop();
    removeSignalHandlers();
  }
}
