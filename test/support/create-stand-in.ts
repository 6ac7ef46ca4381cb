import { startStandIn, type StandIn, type StandInHandler, type StandInRequest } from "../../scripts/lib/stand-in.mjs";
import { createFakeTenant, DEFAULT_SEED, type FakeTenant } from "../../src/testing/index.js";

/** Writes a body part by part as the reader takes them (for hostile tenants that stream); see `stand-in.mjs`. */
export { streamBody } from "../../scripts/lib/stand-in.mjs";

/** The staff session token of the runs; the tests assert it is never printed. */
export const TOKEN = "tok-3b9f1c7e-never-print-me";
/** The customer-portal session token of the runs; never printed either. */
export const CUSTOMER_TOKEN = "cust-5d2e8a41-never-print-me";

/**
 * How the stand-in departs from the spec: `conforming`, not at all; `drifting`, the chat room GET answers its `id`
 * as a string; `created-201`, every create (a POST other than the login) answers 201 instead of 200; `dying`, the
 * server goes away (open sockets destroyed, no longer listening) when request number `dieAt` arrives, unanswered.
 */
export type StandInVariant = "conforming" | "drifting" | "created-201" | "dying";

/** A stand-in tenant with its fake, to look at the fake's records after a run. */
export interface StandInTenant extends StandIn {
  tenant: FakeTenant;
  /** How many requests of each method it received. */
  methods(): Record<string, number>;
  /** The records a run created (every record that is not in the seed), as the fake holds them now. */
  createdByRun(): Array<{ collection: "participants" | "reactions"; id: number; deleted: boolean }>;
}

const SEEDED = new Set(["participants", "reactions"].flatMap((key) => DEFAULT_SEED[key as "participants" | "reactions"].map((r) => `${key} ${r.id}`)));
/** The chat room GET, which the `drifting` variant breaks. */
const CHATROOM_GET = /^\/api\/chat\/chatroom\/[^/]+$/;

/**
 * Starts the stand-in tenant of the contract check's tests (the default seed: chat room 42 with a participant, a
 * message and a reaction), accepting `TOKEN` as a staff session and `CUSTOMER_TOKEN` as a customer's. `dieAt`: with
 * `dying`, the number of the request (from 1) that finds the server gone, default 4; `onRequest`: called with each
 * request before it is answered (a test may wait there, e.g. to interrupt the run while a request is pending).
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
    methods: () => {
      const counts: Record<string, number> = {};
      for (const { method } of standIn.received) counts[method] = (counts[method] ?? 0) + 1;
      return counts;
    },
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
 * Starts a tenant on 127.0.0.1 at a free port that answers as `handler` says, with a fake tenant behind it
 * (accepting `sessions`, default `TOKEN` and `CUSTOMER_TOKEN`, on every path) for the answers it only bends. Also
 * serves as a witness: a server that notes every request and answers anything.
 */
export function createHostileTenant(handler: StandInHandler, { sessions = [TOKEN, CUSTOMER_TOKEN] }: { sessions?: string[] } = {}): Promise<HostileTenant> {
  // Each token on every path, staff and customer portal alike: these tests are about the check, not about roles.
  return startStandIn({ tenant: createFakeTenant({ sessions, customerSessions: sessions }), handler });
}
