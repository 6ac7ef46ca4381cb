import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import * as client from "../../src/index.js";
import * as testing from "../../src/testing/index.js";

/**
 * Every ```ts block of README.md is type-checked as an app would compile it (strict, exactOptionalPropertyTypes),
 * against the package's source: `iwerp-chat-client` and each of its other entries resolve to src/ through `paths`.
 * Each block is a module of its own. A block without imports gets the package's exports it names imported for it;
 * the few names the README's snippets take as given (`chat`, `sessionToken`, `password`, `renewCredentials`) are
 * declared for every block. A block the README must show although it does not compile is marked with the line
 * `<!-- readme-code: not compiled (the reason) -->` right above it; this test skips it and lists it.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<"dependencies" | "devDependencies" | "peerDependencies", Record<string, string>>;
const SKIP_MARK = /<!-- readme-code: not compiled \(([^)]+)\) -->\s*$/;

/** What the README's snippets use without defining it. */
const GIVEN = `
declare global {
  const chat: import("iwerp-chat-client").ChatClient;
  const sessionToken: string;
  const password: string;
  function renewCredentials(): void;
}
export {};
`;

interface Block {
  line: number;
  code: string;
  skip: string | undefined;
}

/** The ```ts blocks of the README, each with its line and, if marked, why it is not compiled. */
function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    if (lines[index] !== "```ts") continue;
    const end = lines.indexOf("```", index + 1);
    const before = lines.slice(Math.max(0, index - 1), index).join("\n");
    blocks.push({ line: index + 1, code: lines.slice(index + 1, end).join("\n"), skip: SKIP_MARK.exec(before)?.[1] });
    index = end;
  }
  return blocks;
}

/** `code` with an import of every export of each entry it names, if it imports nothing itself. */
function withImports(code: string): string {
  if (/^import\s/m.test(code)) return code;
  const named = (names: string[]) => names.filter((name) => new RegExp(`\\b${name.replace("$", "\\$")}\\b`).test(code));
  const fromClient = named(Object.keys(client));
  const fromTesting = named(Object.keys(testing)).filter((name) => !fromClient.includes(name));
  return [
    ...(fromClient.length > 0 ? [`import { ${fromClient.join(", ")} } from "iwerp-chat-client";`] : []),
    ...(fromTesting.length > 0 ? [`import { ${fromTesting.join(", ")} } from "iwerp-chat-client/testing";`] : []),
    code,
  ].join("\n");
}

/** The type errors of each block (by its README line), compiled together in one program. */
function typeErrors(blocks: Block[]): Map<number, string[]> {
  const files = new Map<string, string>([[path.join(ROOT, "test", "docs", "readme-given.d.mts"), GIVEN]]);
  const byFile = new Map<string, number>();
  for (const block of blocks) {
    const file = path.join(ROOT, "test", "docs", `readme-line-${block.line}.mts`);
    // `export {}` keeps a block without imports a module, so its names do not collide with another block's.
    files.set(file, `${withImports(block.code)}\nexport {};\n`);
    byFile.set(file, block.line);
  }
  const options: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: ["node"],
    skipLibCheck: true,
    paths: {
      "iwerp-chat-client": ["./src/index.ts"],
      "iwerp-chat-client/testing": ["./src/testing/index.ts"],
      "iwerp-chat-client/testing/msw": ["./src/testing/msw.ts"],
      "iwerp-chat-client/query": ["./src/query/index.ts"],
      "iwerp-chat-client/raw": ["./src/raw.ts"],
    },
    baseUrl: ROOT,
  };
  const host = ts.createCompilerHost(options);
  const { readFile, fileExists, getSourceFile } = host;
  // The blocks exist only in memory: the working tree stays as it is.
  host.readFile = (file) => files.get(path.resolve(file)) ?? readFile.call(host, file);
  host.fileExists = (file) => files.has(path.resolve(file)) || fileExists.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = files.get(path.resolve(file));
    return text === undefined ? getSourceFile.call(host, file, language, onError, create) : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors = new Map<number, string[]>();
  // The blocks' own errors (src/ is type-checked by `npm run typecheck` under its own settings), the line in the block.
  for (const [file, line] of byFile) {
    const source = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    errors.set(
      line,
      diagnostics.map((d) => `${d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
    );
  }
  return errors;
}

const blocks = tsBlocks(README);
/** A block as the README once had it, which does not compile: proof that the check catches one. */
const OLD_FAIL_FORM: Block = { line: 0, code: 'const tenant = createFakeTenant();\ntenant.fail("post_chatroom_participant_post", { status: 503 }, 2);', skip: undefined };
let compiled: Map<number, string[]> | undefined;
/** The errors of every block and of OLD_FAIL_FORM, from one compilation. */
const errorsOf = () => (compiled ??= typeErrors([...blocks.filter((block) => block.skip === undefined), OLD_FAIL_FORM]));

describe("README.md's TypeScript examples compile against the package", () => {
  test("the README has TypeScript examples, and every one is compiled unless marked with a reason", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    // Only a block that needs a package this project does not install (e.g. @playwright/test) may be left out.
    const installed = Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies, ...packageJson.peerDependencies });
    const needsOther = (code: string) => [...code.matchAll(/from "((?:@[^/"]+\/)?[^/"]+)[^"]*"/g)].some(([, name]) => !installed.includes(name as string) && !name?.startsWith("iwerp-chat-client"));
    const unjustified = blocks.filter((block) => block.skip !== undefined && !needsOther(block.code)).map((block) => `line ${block.line}: ${block.skip}`);
    expect(unjustified).toEqual([]);
  });

  test("every ```ts block type-checks (strict, exactOptionalPropertyTypes)", () => {
    const failing = [...errorsOf()]
      .filter(([line, texts]) => line !== OLD_FAIL_FORM.line && texts.length > 0)
      .map(([line, texts]) => `README.md block at line ${line}:\n  ${texts.join("\n  ")}`);
    expect(failing).toEqual([]);
  }, 120_000);

  test("a block that does not compile is caught: the old tenant.fail(operationId, fault, times) form", () => {
    expect(errorsOf().get(OLD_FAIL_FORM.line)).toEqual([expect.stringMatching(/Expected 2 arguments, but got 3/)]);
  }, 120_000);
});
