import { configDefaults, defineConfig } from "vitest/config";

/**
 * The tests of the tooling around the spec (contract-check command, watcher, breaking-change gate). They
 * mostly wait on child processes (Prism, Redocly, git), so they run after the other projects,
 * several files at a time.
 */
const TOOLING = ["test/cli/**/*.test.ts", "test/watch/**/*.test.ts", "test/breaking-changes/**/*.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
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
          include: ["contract-tests/**/*.test.ts"],
          globalSetup: ["contract-tests/support/global-setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "tooling",
          include: TOOLING,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
