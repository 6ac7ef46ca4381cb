import path from "node:path";
import ts from "typescript";

/**
 * A TypeScript program of files that exist only in memory (absolute path → text), compiled as an app compiles
 * against the client: strict, with `exactOptionalPropertyTypes`, Node.js resolution and the DOM's and Node.js's
 * types. Other files are read from disk, so `../../src/index.js` resolves to the sources; the working tree stays as
 * it is. `roots` are the files the program starts from.
 */
export function consumerProgram(files: ReadonlyMap<string, string>, roots: readonly string[]): ts.Program {
  const options: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(path.resolve(file)) ?? readFile(file);
  host.fileExists = (file) => files.has(path.resolve(file)) || fileExists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = files.get(path.resolve(file));
    return text === undefined ? getSourceFile(file, language, onError, create) : ts.createSourceFile(file, text, language, true);
  };
  return ts.createProgram([...roots], options, host);
}
