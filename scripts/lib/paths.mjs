// @ts-check
/** Where the pipeline's files live, as absolute paths, so scripts work from any working directory. */
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** The hand-written spec's root document. */
export const SPEC_ROOT = path.join(ROOT, "openapi", "openapi.yaml");
/** The folder of hand-written spec files. */
export const SPEC_DIR = path.join(ROOT, "openapi");
/** The folder of generated files (committed, never edited by hand). */
export const GENERATED_DIR = path.join(ROOT, "generated");
/** The bundled spec, the single document every tool downstream reads. */
export const BUNDLED_SPEC = path.join(GENERATED_DIR, "openapi.yaml");
/** The folder of the local tools' binaries. */
export const BIN_DIR = path.join(ROOT, "node_modules", ".bin");
/**
 * tsc's incremental state for `tsconfig.json`, shared by `npm test` and the contract check's type-check and
 * kept out of the working tree: a run after either re-checks only what changed.
 */
export const TSC_BUILD_INFO = path.join(ROOT, "node_modules", ".cache", "iwerp-tsc", "tsconfig.tsbuildinfo");
