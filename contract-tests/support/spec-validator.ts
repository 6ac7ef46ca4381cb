import { createSpecValidator, readSpec, specOperations as readOperations } from "../../scripts/lib/spec.mjs";

/** The bundled spec, parsed once by the one spec module (`scripts/lib/spec.mjs`); shared, so never changed here. */
export const spec = readSpec() as {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
};

// The one Ajv of the tooling (`createSpecValidator`): independent of the client's generated validators.
const validator = createSpecValidator(spec);

/** The failures of `value` against the schema at `pointer` in the bundled spec, as `path: message` lines. */
export function schemaViolations(pointer: string, value: unknown): string[] {
  return validator.violations(pointer, value);
}

/** Every operation of the spec as `{ operationId, method, path }`, in the spec's order. */
export function specOperations(): Array<{ operationId: string; method: string; path: string }> {
  return readOperations(spec).map(({ operationId, method, path }) => ({ operationId, method, path }));
}
