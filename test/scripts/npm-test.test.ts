import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { summaryLine, type VitestSummary } from "../../scripts/lib/test-summary.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TEST_SCRIPT = path.join(ROOT, "scripts", "test.mjs");
/** A two-project stand-in for the suite (alpha, beta), so a run of `scripts/test.mjs` never reaches the real one. */
const FIXTURE_CONFIG = path.join(import.meta.dirname, "fixtures", "npm-test", "vitest.config.ts");

interface Run {
  code: number | null;
  out: string;
  err: string;
  lastLine: string;
}

let dir: string;
/**
 * Two one-file projects for the type-check instead of the repository's: one that compiles, one with two type
 * errors. They bring the few global types tsc needs instead of its standard library, which would take a second.
 */
const tsconfigs = { good: "", bad: "" };
const GLOBAL_TYPES = ["Array<T>", "Boolean", "CallableFunction", "Function", "IArguments", "NewableFunction", "Number", "Object", "RegExp", "String"];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "iwerp-npm-test-test-"));
  await writeFile(path.join(dir, "globals.d.ts"), GLOBAL_TYPES.map((name) => `interface ${name} {}\n`).join(""));
  const options = { strict: true, noEmit: true, types: [], noLib: true };
  for (const [name, source] of [
    ["good", "export const two: number = 1 + 1;\n"],
    ["bad", 'export const two: number = "2";\nexport const three: string = 3;\n'],
  ] as const) {
    await writeFile(path.join(dir, `${name}.ts`), source);
    await writeFile(path.join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: options, files: ["globals.d.ts", `${name}.ts`] }));
    tsconfigs[name] = path.join(dir, `tsconfig.${name}.json`);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * Runs `node scripts/test.mjs` as `npm test` does, with `env` added to this process's environment minus
 * vitest's own variables (the fixture's vitest must not take this worker's for its own).
 */
function runNpmTest(env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && !name.startsWith("IWERP_")));
  return new Promise((resolve) => {
    execFile(process.execPath, [TEST_SCRIPT], { cwd: ROOT, env: { ...inherited, FORCE_COLOR: "0", ...env } }, (error, out, err) => {
      const lines = out.trimEnd().split("\n");
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, out, err, lastLine: lines.at(-1) ?? "" });
    });
  });
}

describe("npm test's last line (scripts/test.mjs, run against a fixture project)", () => {
  test.concurrent("says passed, with the counts, only when every test and the type-check passed", async ({ expect }) => {
    const run = await runNpmTest({ IWERP_TEST_VITEST_CONFIG: FIXTURE_CONFIG, IWERP_TEST_TSCONFIG: tsconfigs.good });

    expect(run.lastLine).toMatch(/^npm test: passed — 3 tests in 2 files, typecheck passed; \d+\.\d s$/);
    expect(run.code).toBe(0);
    // vitest's own report still comes first, with both projects.
    expect(run.out).toMatch(/alpha[\s\S]*beta|beta[\s\S]*alpha/);
  });

  test.concurrent("says FAILED after a failed test, a file that failed on import and type errors, naming the projects and each count", async ({ expect }) => {
    const run = await runNpmTest({ IWERP_TEST_VITEST_CONFIG: FIXTURE_CONFIG, IWERP_TEST_TSCONFIG: tsconfigs.bad, IWERP_FIXTURE_FAIL: "beta-test,alpha-import" });

    expect(run.lastLine).toMatch(
      /^npm test: FAILED — vitest: 1 failed test in 1 file, 1 file failed in a hook or on import \(alpha, beta\); typecheck: FAILED \(2 errors\); \d+\.\d s$/,
    );
    expect(run.code).toBe(1);
    // tsc's report is shown above the last line.
    expect(run.out).toMatch(/error TS2322[\s\S]*error TS2322[\s\S]*npm test: FAILED/);
  });

  test.concurrent("refuses to run the whole suite from inside vitest, so this test cannot recurse into it", async ({ expect }) => {
    const run = await runNpmTest({ VITEST: "true" });

    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^npm test: refused — started from inside vitest or another npm test/);
    expect(run.out).toBe("");
  });
});

describe("npm test's last line, worded from the parts' results", () => {
  const passedRun: VitestSummary = { reason: "passed", files: 45, tests: { passed: 1145, failed: 0, skipped: 0 }, failedFiles: [], unhandledErrors: 0 };
  const typecheckPassed = { code: 0, output: "" };
  const line = (summary: VitestSummary | undefined, code = summary?.reason === "passed" ? 0 : 1, typecheck = typecheckPassed) =>
    summaryLine({ vitest: { code, summary }, typecheck, seconds: 38.04 }).line;

  test("a run that passed, with thousands separated and the skipped tests named", () => {
    expect(line(passedRun)).toBe("npm test: passed — 1,145 tests in 45 files, typecheck passed; 38.0 s");
    expect(line({ ...passedRun, tests: { passed: 1140, failed: 0, skipped: 5 } })).toBe("npm test: passed — 1,140 tests in 45 files (5 skipped), typecheck passed; 38.0 s");
  });

  test("failed tests in several projects name every project once, in order", () => {
    const failedFiles = [
      { file: "test/watch/a.test.ts", project: "tooling", failedTests: 1 },
      { file: "test/unit/b.test.ts", project: "unit", failedTests: 2 },
      { file: "test/unit/c.test.ts", project: "unit", failedTests: 0 },
    ];
    const summary: VitestSummary = { ...passedRun, reason: "failed", tests: { passed: 1142, failed: 3, skipped: 0 }, failedFiles };

    expect(line(summary)).toBe("npm test: FAILED — vitest: 3 failed tests in 2 files, 1 file failed in a hook or on import (tooling, unit); typecheck: passed; 38.0 s");
  });

  test("an unhandled error, an interrupted run, no test files, a non-zero exit with every test passed, or no report are failures", () => {
    expect(line({ ...passedRun, reason: "failed", unhandledErrors: 1 })).toBe("npm test: FAILED — vitest: 1 unhandled error; typecheck: passed; 38.0 s");
    expect(line({ ...passedRun, reason: "interrupted" })).toBe("npm test: FAILED — vitest: interrupted before every test ran; typecheck: passed; 38.0 s");
    expect(line({ ...passedRun, files: 0, tests: { passed: 0, failed: 0, skipped: 0 } }, 1)).toBe("npm test: FAILED — vitest: no test files found; typecheck: passed; 38.0 s");
    expect(line(passedRun, 1)).toBe("npm test: FAILED — vitest: exit code 1 although no test failed; see its output above; typecheck: passed; 38.0 s");
    expect(line({ ...passedRun, reason: "failed" }, 0)).toBe("npm test: FAILED — vitest: the run failed although no test failed; see its output above; typecheck: passed; 38.0 s");
    // No report at all: vitest stopped before the end of its run (a broken config, a crash, a signal).
    expect(line(undefined, 1)).toBe("npm test: FAILED — vitest: ended without a report (exit code 1); see its output above; typecheck: passed; 38.0 s");
  });

  test("a type-check that fails with no TS error line still says FAILED, with its exit code", () => {
    expect(line(passedRun, 0, { code: 1, output: "tsc crashed" })).toBe("npm test: FAILED — vitest passed (1,145 tests in 45 files); typecheck: FAILED (exit code 1); 38.0 s");
  });
});
