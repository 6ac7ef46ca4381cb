#!/usr/bin/env node
// @ts-check
/**
 * `npm run check [-- --base REF]`: lint, drift check, type-check, the breaking-change gate against REF (default: the
 * merge base with main), the tarball's lints, the bundle size budgets and the tests. Every step runs even when an
 * earlier one failed; exit code 1 if any failed.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { main as breakingChanges } from "./breaking-changes.mjs";
import { renderSteps } from "./contract-check/render-report.mjs";
import { runStaticChecks } from "./contract-check/static-checks.mjs";
import { BIN_DIR, ROOT } from "./lib/paths.mjs";
import { run } from "./lib/run.mjs";
import { packAndLint } from "./package/pack.mjs";
import { BUDGETS, describeSize, measureBundle } from "./size/bundle-size.mjs";

const { values } = parseArgs({ options: { base: { type: "string" } } });
const failed = [];

const steps = await runStaticChecks();
console.log(`${renderSteps(steps)}\n`);
failed.push(...steps.filter((step) => step.status !== "passed").map((step) => step.step));

if ((await breakingChanges(values.base ? ["--base", values.base] : [])) !== 0) failed.push("breaking-change gate");
console.log("");

console.log("Package (npm pack, then publint --strict and attw, profile strict)");
const lints = await packAndLint();
for (const lint of lints) {
  console.log(`  ${lint.ok ? "✓" : "✗"} ${lint.name}`);
  if (!lint.ok) console.log(lint.output.replace(/^/gm, "      "));
}
console.log("");
if (lints.some((lint) => !lint.ok)) failed.push("package");

const sizes = await Promise.all(BUDGETS.map(measureBundle));
console.log(`Size\n${sizes.map((size) => `  ${size.ok ? "✓" : "✗"} ${describeSize(size)}`).join("\n")}\n`);
if (!sizes.every((size) => size.ok)) failed.push("bundle size");

const tests = await run(path.join(BIN_DIR, "vitest"), ["run"], { cwd: ROOT, limitMs: Infinity, show: true });
if (tests.code !== 0) failed.push("tests");

console.log(failed.length === 0 ? "\ncheck: PASS (lint, drift, typecheck, breaking-change gate, package, bundle size, tests)" : `\ncheck: FAIL (${failed.join(", ")})`);
process.exitCode = failed.length === 0 ? 0 : 1;
