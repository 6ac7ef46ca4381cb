import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runStaticChecks } from "../../scripts/contract-check/static-checks.mjs";

/*
 * The contract check's type-check remembers a pass by a digest of its inputs (the included folders, the root's
 * TypeScript files, tsconfig.json, package-lock.json standing for node_modules): the same inputs again skip the
 * compiler, any change to them is checked for real.
 */

let root: string;
const typesFolder = () => path.join(root, "node_modules", "@types", "fixture");
const writeTypes = () => writeFile(path.join(typesFolder(), "index.d.ts"), "declare const FIXTURE_ANSWER: number;\n");
const skip = new Set(["lint", "drift"]);
const SOURCE = "export const answer: number = FIXTURE_ANSWER;\n";

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-typecheck-cache-"));
  await mkdir(path.join(root, "src"));
  await mkdir(typesFolder(), { recursive: true });
  const compilerOptions = { strict: true, noEmit: true, types: ["fixture"] };
  await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
  await writeTypes();
  await writeFile(path.join(root, "src", "answer.ts"), SOURCE);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const typecheck = async () => (await runStaticChecks({ root, skip }))[2]!;

test("a type-check that passed is not run again for the same inputs, and a changed source is checked for real", async () => {
  expect((await typecheck()).status).toBe("passed");

  // Outside the inputs (package-lock.json stands for node_modules): the compiler would now fail, the remembered pass stands.
  await rm(path.join(typesFolder(), "index.d.ts"));
  expect((await typecheck()).status).toBe("passed");
  await writeTypes();

  // Of the same length: the digest reads the content, not only the sizes (an edit of one letter keeps a file's size).
  await writeFile(path.join(root, "src", "answer.ts"), SOURCE.replace("number", "string"));
  const changed = await typecheck();
  expect(changed.status).toBe("failed");
  expect(changed.detail).toMatch(/src\/answer\.ts.*error TS2322/);

  // Back to the inputs that passed.
  await writeFile(path.join(root, "src", "answer.ts"), SOURCE);
  expect((await typecheck()).status).toBe("passed");
});
