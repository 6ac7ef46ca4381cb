import type { TestContext } from "vitest";
import { withOwnExchanges } from "./contract-client.js";
import type { ContractTarget } from "./contract-target.js";

/** What the spec-driven suite registers its tests with: vitest's `describe` and `test`, or the coverage gate's recorder. */
export interface SuiteApi {
  describe(name: string, body: () => void): void;
  test(name: string, options: { concurrent: boolean }, body: (context: TestContext) => Promise<void>): void;
}

const MOCK_ONLY =
  "generated cases run against the embedded mock only: made from the spec, they use its example ids, and on a real tenant they would create, change or delete records";

/**
 * Registers a spec-driven test of `target`, named `<name> (<target>)`; skipped against a real target (the cases use the
 * spec's ids and write). Concurrent against Prism, which keeps no state; one after another against the fake tenant.
 */
export function targetTest(api: SuiteApi, target: ContractTarget, name: string, body: (context: TestContext) => Promise<void>): void {
  const stateless = target.isMock && target.inProcessFetch === undefined;
  api.test(`${name} (${target.name})`, { concurrent: stateless }, async (context) => {
    if (!target.isMock) context.skip(MOCK_ONLY);
    // Concurrent tests share the module's state: each checks the exchanges it made, and only those.
    await withOwnExchanges(context, () => body(context));
  });
}
