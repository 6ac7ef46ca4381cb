import type { TestContext } from "vitest";
import type { ContractTarget } from "./contract-target.js";

/**
 * The part of vitest the spec-driven suite registers its tests with. Its test file passes vitest's own
 * `describe` and `test`; the coverage gate passes a recorder, to see which operations get tests.
 */
export interface SuiteApi {
  describe(name: string, body: () => void): void;
  test(name: string, options: { concurrent: boolean }, body: (context: TestContext) => Promise<void>): void;
}

const MOCK_ONLY =
  "generated cases run against the embedded mock only: made from the spec, they use its example ids, and on a real tenant they would create, change or delete records";

/**
 * Registers a spec-driven test of `target`, named `<name> (<target>)`. Against a real target it is skipped
 * (with a note that says why): the cases use the spec's ids and write. Against Prism's mock, which keeps no
 * state, the tests run concurrently (vitest's `maxConcurrency`, 5 at a time), so the worker prepares and checks
 * one exchange while Prism answers another; against the fake tenant, whose state they change, one after another.
 */
export function targetTest(api: SuiteApi, target: ContractTarget, name: string, body: (context: TestContext) => Promise<void>): void {
  const stateless = target.isMock && target.inProcessFetch === undefined;
  api.test(`${name} (${target.name})`, { concurrent: stateless }, async (context) => {
    if (!target.isMock) context.skip(MOCK_ONLY);
    await body(context);
  });
}
