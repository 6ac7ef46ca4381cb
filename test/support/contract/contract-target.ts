import { inject, test, type TestContext } from "vitest";
import { createFakeTenant } from "../../../src/testing/index.js";
import type { ContractTargetInfo } from "./global-setup.js";
import { repeatOnReset } from "./repeat-on-reset.js";

/** The token the contract tests send; Prism and the fake tenant accept it, a real tenant needs a real one. */
export const CONTRACT_TOKEN = process.env.IWERP_SESSION_TOKEN ?? "contract-test-token";
/** The API key the contract tests send where they test the `apiKey` scheme; Prism accepts any, a real tenant needs a real one. */
export const CONTRACT_API_KEY = process.env.IWERP_API_KEY ?? "contract-test-api-key";
/** The customer's session the in-process fake tenant takes on the customer portal (`/api/cp/…`), where it refuses staff. */
const FAKE_TARGET_CUSTOMER_TOKEN = "contract-test-customer-token";

/** A target the contract tests call: what the global setup chose, with the `fetch` to reach it. */
export interface ContractTarget extends ContractTargetInfo {
  /** Answers in this process instead of the network; undefined: the real `fetch`. */
  fetch: typeof fetch | undefined;
  /** The session token for the customer portal's operations (`/api/cp/…`) where it is not `CONTRACT_TOKEN`. */
  customerSessionToken?: string;
}

/** `fetch` with `prefer` added to each request's `Prefer` header, beside any preference of the test's own (`code=400`). */
function preferring(prefer: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set("prefer", [headers.get("prefer"), prefer].filter(Boolean).join(", "));
    return fetch(new Request(request, { headers }));
  };
}

function resolveTarget(info: ContractTargetInfo): ContractTarget {
  if (info.inProcessFetch === undefined) {
    const send = info.prefer === undefined ? undefined : preferring(info.prefer);
    // Prism keeps no state: a request whose kept-alive connection it closed under it is sent once more. Never a real tenant's.
    return { ...info, fetch: info.isMock ? repeatOnReset(send) : send };
  }
  if (info.inProcessFetch !== "fake-tenant") throw new Error(`contract target ${info.name}: no in-process fetch named ${info.inProcessFetch}`);
  // Its default records (ids 42, the spec examples' ids), any login accepted; it refuses what a tenant refuses
  // beyond the schemas (a reference to a record it does not hold: 422, documented).
  const tenant = createFakeTenant({ sessions: [CONTRACT_TOKEN], customerSessions: [FAKE_TARGET_CUSTOMER_TOKEN], users: "anyone" });
  return { ...info, fetch: tenant.fetch, customerSessionToken: FAKE_TARGET_CUSTOMER_TOKEN };
}

/** The session token to call an operation at `path` on `target` with: the customer's on the customer portal, where the target has one. */
export function sessionTokenFor(target: ContractTarget, path: string): string {
  return path.startsWith("/api/cp/") && target.customerSessionToken !== undefined ? target.customerSessionToken : CONTRACT_TOKEN;
}

/** Every target of this run: the embedded Prism mock twice (static examples, dynamic responses) and the fake tenant, or one real target. */
export const contractTargets: readonly ContractTarget[] = inject("contractTargets").map(resolveTarget);

/** The target of the hand-written behaviour tests: the first one (the static Prism mock by default). */
export const primaryTarget: ContractTarget = contractTargets[0] as ContractTarget;

/** True when the hand-written tests run against a mock. */
export const targetIsMock = primaryTarget.isMock;

/** A test that needs a mock (any id works, nothing is stored, pages repeat); skipped against a real target with `why`. */
export function mockTest(name: string, why: string, body: (context: TestContext) => Promise<void>): void {
  test(name, async (context) => {
    if (!targetIsMock) context.skip(why);
    await body(context);
  });
}
