import { configDefaults, defineConfig } from "vitest/config";
import { safetyTimeout } from "./test/support/safety-timeouts.js";

/**
 * `npm test` runs the unit and contract projects: the client, the fake tenant and the contract suite, in process,
 * the loop a change to `src/` or `openapi/` goes through. The two projects below run with them in `npm run
 * test:all` (what CI runs), after them, two files at a time.
 *
 * The tooling project tests the tools as a user runs them: the contract-check command, the watcher, the
 * breaking-change gate, `npm test`'s own summary, generation of a changed spec, the `iwerp-fake-tenant` bin and the
 * README's code through tsc. Its tests start child processes (Prism, Redocly, git, vitest, tsc, node) that each keep
 * a core busy.
 */
const TOOLING = [
  "test/cli/**/*.test.ts",
  "test/watch/**/*.test.ts",
  "test/breaking-changes/**/*.test.ts",
  "test/scripts/**/*.test.ts",
  "test/docs/**/*.test.ts",
  "test/generation/new-entity.test.ts",
  "test/generation/hostile-spec.test.ts",
  "test/generation/drift-cache.test.ts",
  "test/generation/description-lint.test.ts",
  "test/generation/wrong-edits.test.ts",
  "test/generation/line-endings.test.ts",
  "test/testing/fake-tenant-bin.test.ts",
];

/**
 * The scale project: the same client and fake tenant, at sizes that take seconds of CPU each (1,000 concurrent
 * calls, 50,000 to 150,000 seeded records, bodies nested 200,000 deep, 9 MB answers to redact).
 */
const SCALE = [
  "test/faults/load.test.ts",
  "test/faults/redaction-at-scale.test.ts",
  "test/testing/seeding-scale.test.ts",
  "test/testing/hostile-input.test.ts",
];

/**
 * Workers of unit and contract, which run side by side and so share them (vitest requires one number per group).
 * Vitest's default on a 2-core machine is one (cores − 1), which leaves a core idle while a file waits on a
 * server or a timer; three keep both cores busy.
 */
const WORKERS = 3;

/**
 * Timeouts are safety nets for a test that is stuck, never a measure of speed: generous enough for a 2-core
 * machine with two CPU-bound processes beside the suite (`npm run test:load`), and stretched by
 * `IWERP_TEST_TIMEOUT_SCALE` (see test/support/safety-timeouts.ts). Hooks get more than tests: they build what
 * a whole file shares (a fresh generation, servers, a git repository).
 */
const UNIT_TIMEOUTS = { testTimeout: safetyTimeout(60_000), hookTimeout: safetyTimeout(120_000) };
const CONTRACT_TIMEOUTS = { testTimeout: safetyTimeout(60_000), hookTimeout: safetyTimeout(120_000) };
const TOOLING_TIMEOUTS = { testTimeout: safetyTimeout(120_000), hookTimeout: safetyTimeout(120_000) };

export default defineConfig({
  test: {
    // Transformed modules are kept in node_modules/.vitest between runs (vitest 4's experimental file cache, keyed
    // by each file's content and the config): a warm run transforms almost nothing (contract project: 3.6 s → 0.5 s).
    experimental: { fsModuleCache: true },
    projects: [
      {
        test: {
          name: "unit",
          maxWorkers: WORKERS,
          include: ["test/**/*.test.ts"],
          // The files share each worker's modules: loading the client, the spec and the fake tenant once per
          // worker, not once per file, halves the project's time. Tests restore what they change (e.g. globalThis.fetch).
          isolate: false,
          setupFiles: ["test/support/fake-answers.ts"],
          exclude: [...configDefaults.exclude, ...TOOLING, ...SCALE],
          ...UNIT_TIMEOUTS,
        },
      },
      {
        test: {
          name: "contract",
          maxWorkers: WORKERS,
          include: ["contract-tests/**/*.test.ts"],
          // As in unit: each worker loads the spec, the targets and their clients once.
          isolate: false,
          globalSetup: ["test/support/contract/global-setup.ts"],
          // Each test calls Prism (a separate process; in the contract check, Prism's proxy in front of a tenant).
          ...CONTRACT_TIMEOUTS,
        },
      },
      {
        test: {
          name: "tooling",
          include: TOOLING,
          // As in unit: each worker loads the command's modules once.
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          // A test may start Prism, run Redocly twice or a whole fixture suite in vitest.
          ...TOOLING_TIMEOUTS,
        },
      },
      {
        test: {
          name: "scale",
          include: SCALE,
          // Beside the tooling project (a group shares one number of workers).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          setupFiles: ["test/support/fake-answers.ts"],
          ...UNIT_TIMEOUTS,
        },
      },
    ],
  },
});
