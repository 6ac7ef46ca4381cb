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
/** The folder of the local tools' binaries (not `tsc`: both TypeScript packages name theirs so). */
export const BIN_DIR = path.join(ROOT, "node_modules", ".bin");
/** TypeScript 7's `tsc` (devDependency `typescript-7`), a script run by Node.js: the type-check (scripts/README.md). */
export const TSC = path.join(ROOT, "node_modules", "typescript-7", "bin", "tsc");
/** TypeScript 5.9's `tsc` (devDependency `typescript`): the build and the package's consumers on 5.x (scripts/README.md). */
export const TSC_5 = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
