import { startStandIn, type StandIn, type StandInHandler, type StandInRequest } from "../../scripts/lib/stand-in.mjs";
import { createFakeTenant, DEFAULT_SEED, type FakeTenant } from "../../src/testing/index.js";

/** Writes a body part by part as the reader takes them (see `stand-in.mjs`). */
export { streamBody } from "../../scripts/lib/stand-in.mjs";

/** The staff session token of the runs; the tests assert it is never printed. */
export const TOKEN = "tok-3b9f1c7e-never-print-me";
/** The customer-portal session token of the runs; never printed either. */
export const CUSTOMER_TOKEN = "cust-5d2e8a41-never-print-me";

/**
 * How the stand-in departs from the spec: `drifting`, the chat room GET answers its `id` as a string; `created-201`,
 * every create (a POST but the login) answers 201; `dying`, the server goes away when request number `dieAt` arrives.
 */
type StandInVariant = "conforming" | "drifting" | "created-201" | "dying";

/** A stand-in tenant with its fake, to look at the fake's records after a run. */
export interface StandInTenant extends StandIn {
  tenant: FakeTenant;
  /** The records a run created (every record that is not in the seed), as the fake holds them now. */
  createdByRun(): Array<{ collection: "participants" | "reactions"; id: number; deleted: boolean }>;
}

const SEEDED = new Set(["participants", "reactions"].flatMap((key) => DEFAULT_SEED[key as "participants" | "reactions"].map((r) => `${key} ${r.id}`)));
/** The chat room GET, which the `drifting` variant breaks. */
const CHATROOM_GET = /^\/api\/chat\/chatroom\/[^/]+$/;

/**
 * Starts the stand-in tenant of the contract check's tests (the default seed), taking `TOKEN` and `CUSTOMER_TOKEN`.
 * `dieAt` defaults to 4; `onRequest` is called with each request before it is answered (a test may wait there).
 */
export async function createStandIn({
  variant = "conforming",
  dieAt = 4,
  onRequest,
}: { variant?: StandInVariant; dieAt?: number; onRequest?: (request: StandInRequest) => void | Promise<void> } = {}): Promise<StandInTenant> {
  const tenant = createFakeTenant({ sessions: [TOKEN], customerSessions: [CUSTOMER_TOKEN] });
  const pick = ({ method, path }: StandInRequest): string => {
    if (variant === "drifting" && method === "GET" && CHATROOM_GET.test(path)) return "drift-id";
    return variant === "created-201" && method === "POST" && path !== "/api/logins" ? "created-201" : "ok";
  };
  const standIn: StandIn = await startStandIn({
    tenant,
    pick,
    onRequest: (request) => (variant === "dying" && standIn.received.length >= dieAt ? standIn.die() : onRequest?.(request)),
  });
  return {
    ...standIn,
    tenant,
    createdByRun: () =>
      (["participants", "reactions"] as const).flatMap((collection) =>
        tenant.state[collection]
          .filter((record) => !SEEDED.has(`${collection} ${record.id}`))
          .map((record) => ({ collection, id: record.id as number, deleted: record.deleted === true })),
      ),
  };
}

/** A running hostile tenant (or any server a test watches): what it received, until `close()`. */
export type HostileTenant = StandIn;

/**
 * Starts a tenant that answers as `handler` says, with a fake tenant behind it (taking `sessions`, default `TOKEN`
 * and `CUSTOMER_TOKEN`, on every path) for the answers it only bends; also a witness that notes every request.
 */
export function createHostileTenant(handler: StandInHandler, { sessions = [TOKEN, CUSTOMER_TOKEN] }: { sessions?: string[] } = {}): Promise<HostileTenant> {
  // Each token on every path, staff and customer portal alike: these tests are about the check, not about roles.
  return startStandIn({ tenant: createFakeTenant({ sessions, customerSessions: sessions }), handler });
}
