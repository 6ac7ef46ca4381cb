// @ts-check
/** Where the pipeline's files live, as absolute paths, so scripts work from any working directory. */
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** The folder of generated files (committed, never edited by hand). */
export const GENERATED_DIR = path.join(ROOT, "generated");
/** The bundled spec, the single document every tool downstream reads. */
export const BUNDLED_SPEC = path.join(GENERATED_DIR, "openapi.yaml");
/** The folder of the local tools' binaries (not `tsc`: both TypeScript packages name theirs so, see below). */
export const BIN_DIR = path.join(ROOT, "node_modules", ".bin");
/**
 * TypeScript 7's `tsc` (the native compiler; devDependency `typescript-7`, an npm alias), a script run by Node.js:
 * the type-check of `npm test`, `npm run contract`, `npm run check` and `npm run typecheck`. tsconfig.json keeps its
 * incremental state in node_modules/.cache, so a run after any of them re-checks only what changed.
 */
export const TSC = path.join(ROOT, "node_modules", "typescript-7", "bin", "tsc");
/**
 * TypeScript 5.9's `tsc` (devDependency `typescript`, which openapi-typescript needs for its API): the build
 * (its CommonJS output resolves like `node10`, which TypeScript 7 no longer has) and the package's consumers on 5.x.
 */
export const TSC_5 = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
