import { configDefaults, defineConfig } from "vitest/config";

/**
 * The tests of the tooling around the spec (contract-check command, watcher, breaking-change gate). They
 * mostly wait on child processes (Prism, Redocly, git), so they run after the other projects,
 * several files at a time.
 */
const TOOLING = ["test/cli/**/*.test.ts", "test/watch/**/*.test.ts", "test/breaking-changes/**/*.test.ts"];

/**
 * Workers per project. Vitest's default on a 2-core machine is one (cores − 1), which leaves a core idle while
 * a file waits on a server or a timer; three keep both cores busy. Projects that run side by side must share it.
 */
const WORKERS = 3;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          maxWorkers: WORKERS,
          include: ["test/**/*.test.ts"],
          // The files share each worker's modules: loading the client, the spec and the fake tenant once per
          // worker, not once per file, halves the project's time. Tests restore what they change (e.g. globalThis.fetch).
          isolate: false,
          setupFiles: ["test/setup/fake-answers.ts"],
          exclude: [...configDefaults.exclude, ...TOOLING],
        },
      },
      {
        test: {
          name: "contract",
          maxWorkers: WORKERS,
          include: ["contract-tests/**/*.test.ts"],
          // As in unit: each worker loads the spec, the targets and their clients once.
          isolate: false,
          globalSetup: ["contract-tests/support/global-setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "tooling",
          include: TOOLING,
          // As in unit: each worker loads the command's modules once.
          isolate: false,
          // Two: the watcher's test times a regeneration, which three busy workers on two cores would slow.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
