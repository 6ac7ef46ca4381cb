import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, test } from "vitest";
import { renderSteps, renderSummary } from "../../scripts/contract-check/render-report.mjs";
import { runStaticChecks } from "../../scripts/contract-check/static-checks.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
// The type-check compiles the whole repository; `npm run typecheck` covers it, so these copies skip it.
const skip = new Set(["typecheck"]);
const roots: string[] = [];

/** A copy of the spec, its generated files and the lint rules, for one test to break (tests run side by side). */
async function copyOfTheSpec(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "iwerp-static-"));
  roots.push(root);
  for (const entry of ["openapi", "generated", "redocly.yaml"]) await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  return root;
}
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

test.concurrent("a spec that does not lint fails the check with Redocly's report, and the drift check does not run", async ({ expect }) => {
  const root = await copyOfTheSpec();
  const schema = path.join(root, "openapi/components/schemas/ChatroomParticipant.yaml");
  await writeFile(schema, (await readFile(schema, "utf8")).replace("  last_name:\n    type: string\n", "  last_name:\n    type: strin\n"));
  const steps = await runStaticChecks({ root, skip });

  expect(steps.map((step) => [step.step, step.status])).toEqual([
    ["lint", "failed"],
    ["drift", "not run"],
    ["typecheck", "skipped"],
  ]);
  const report = renderSteps(steps);
  expect(report).toMatch(/✗ lint[\s\S]*ChatroomParticipant\.yaml/);
  expect(report).toMatch(/- drift .*: not run\n\s+the spec does not lint/);
  expect(renderSummary({ target: "the mock", steps, operations: undefined, errors: ["not run"], ms: 0 })).toBe("Result: FAIL (static checks failed: lint) — no operation checked");
});

test.concurrent("a rule at severity warn that the spec breaks fails the lint: the spec is kept at zero warnings", async ({ expect }) => {
  const root = await copyOfTheSpec();
  const config = path.join(root, "redocly.yaml");
  await writeFile(config, (await readFile(config, "utf8")).replace("\nrules:\n", "\nrules:\n  info-contact: warn\n"));
  const steps = await runStaticChecks({ root, skip });

  expect(steps.map((step) => [step.step, step.status])).toEqual([
    ["lint", "failed"],
    ["drift", "not run"],
    ["typecheck", "skipped"],
  ]);
  expect(steps[0]?.detail).toMatch(/\(errors: 0, warnings: 1\):\n {2}openapi\/openapi\.yaml:\d+:\d+ {2}warn {2}info-contact {2}Info object should contain `contact` field\./);
});

test.concurrent("a hand-edited generated/ fails the drift check and names the file", async ({ expect }) => {
  const root = await copyOfTheSpec();
  const types = path.join(root, "generated/openapi.d.ts");
  await writeFile(types, `${await readFile(types, "utf8")}\n// edited by hand\n`);
  const steps = await runStaticChecks({ root, skip });

  expect(steps.map((step) => step.status)).toEqual(["passed", "failed", "skipped"]);
  expect(steps[1]?.detail).toMatch(/generated\/openapi\.d\.ts: differs[\s\S]*npm run generate/);
});
