// @ts-check
/**
 * What a reader of the client reference must find, read from `src/index.ts` with the TypeScript 5.9 compiler, so a
 * new export or method is checked without editing the check.
 */
import path from "node:path";
import ts from "typescript";
import { ROOT } from "../lib/paths.mjs";

/**
 * The exports of `src/index.ts` a reader looks for: functions (`createChatClient`), public methods of the classes that
 * are not errors (`ChatroomParticipants.add`), error classes (an `Error` in their ancestry: `AuthenticationError`).
 * @returns {{ functions: string[], methods: string[], errors: string[] }}
 */
export function clientExports() {
  const entry = path.join(ROOT, "src", "index.ts");
  // The compiler options TypeDoc builds the reference with.
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.build.json"), {}, host);
  const program = ts.createProgram([entry], config?.options ?? {});
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(/** @type {ts.SourceFile} */ (program.getSourceFile(entry)));
  if (!moduleSymbol) throw new Error("src/index.ts has no exports");
  /** @type {{ functions: string[], methods: string[], errors: string[] }} */
  const found = { functions: [], methods: [], errors: [] };
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (symbol.flags & ts.SymbolFlags.Function) found.functions.push(exported.name);
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    if (isError(instance)) {
      found.errors.push(exported.name);
      continue;
    }
    for (const property of checker.getPropertiesOfType(instance)) {
      const declaration = property.valueDeclaration;
      const isPublicMethod =
        declaration !== undefined &&
        ts.isMethodDeclaration(declaration) &&
        !ts.isPrivateIdentifier(declaration.name) &&
        !(ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
      if (isPublicMethod) found.methods.push(`${exported.name}.${property.name}`);
    }
  }
  return found;
}

/** Whether an instance type has `Error` among its base types. @param {ts.Type} type @returns {boolean} */
function isError(type) {
  for (const base of type.getBaseTypes?.() ?? []) {
    if (base.symbol?.name === "Error" || isError(base)) return true;
  }
  return false;
}
