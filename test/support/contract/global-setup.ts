import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { describeRecords, parseRecords } from "../../../scripts/lib/created-records.mjs";
import { createPrismServer, DEFAULT_MOCK_SEED, type PrismServer } from "../../../scripts/lib/prism.mjs";
import { safetyTimeout } from "../safety-timeouts.js";

/** Whether the contract tests may create records on the target, and in which chat room (null: the examples', mock only). */
interface ContractWrites {
  allowed: boolean;
  chatroomId: number | null;
}

/** One server (or in-process double) the contract tests call, as plain data for the workers (see `contract-target.ts`). */
export interface ContractTargetInfo {
  /** Names the target in test names, e.g. `static Prism`. */
  name: string;
  baseUrl: string;
  /** A double of the spec: any id works and nothing is stored, so every spec-driven case runs against it. */
  isMock: boolean;
  /** Answers with the spec's named examples, so a response can be compared with them. */
  servesExamples: boolean;
  /** Refuses a request that breaks the spec (Prism with `--errors`): a 422 naming the place, or a mock's documented 400. */
  validatesRequests: boolean;
  /** An in-process target: the name of the `fetch` in `contract-target.ts` that answers instead of the network. */
  inProcessFetch?: string;
  /** A preference added to the `Prefer` header of every request (`dynamic=true`: Prism generates the answer). */
  prefer?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** What the tests run against; the first is the target of the hand-written tests. */
    contractTargets: ContractTargetInfo[];
    /** Whether tests that create records run (always against a mock). */
    contractWrites: ContractWrites;
    /** Where each record a test may have created on a real target is appended, one JSON object a line. */
    contractRecordsFile: string;
  }
}

// How long a Prism may take to listen: a safety net, generous for a loaded 2-core machine beside other workers.
const PRISM_START_TIMEOUT = { startTimeoutMs: safetyTimeout(120_000) };

function writesFor(isMock: boolean): ContractWrites {
  if (isMock) return { allowed: true, chatroomId: null };
  const allowed = process.env.IWERP_CONTRACT_ALLOW_WRITES === "1";
  const chatroom = process.env.IWERP_CONTRACT_CHATROOM_ID ?? "";
  if (allowed && !/^[1-9]\d*$/.test(chatroom)) {
    throw new Error("IWERP_CONTRACT_ALLOW_WRITES=1 needs IWERP_CONTRACT_CHATROOM_ID: the id of a chat room the tests may add participants to.");
  }
  return { allowed, chatroomId: allowed ? Number(chatroom) : null };
}

/** Prism's log file in `IWERP_CONTRACT_LOG_DIR` (which the contract-check command sets), else Prism's default. */
function logFile(name: string): { logFile?: string } {
  const dir = process.env.IWERP_CONTRACT_LOG_DIR;
  return dir ? { logFile: path.join(dir, `prism-${name}.log`) } : {};
}

/**
 * The embedded mock: one Prism (or the one `IWERP_CONTRACT_MOCK_URL` names), two targets: the spec's examples, and
 * with `Prefer: dynamic=true` generated answers (not a second Prism: its start-up is most of the suite's CPU).
 */
async function startMocks(seed: string): Promise<{ servers: PrismServer[]; targets: ContractTargetInfo[] }> {
  const given = process.env.IWERP_CONTRACT_MOCK_URL;
  const servers = given ? [] : [await createPrismServer({ seed, ...logFile("mock"), ...PRISM_START_TIMEOUT })];
  const url = given ?? servers[0]!.url;
  const mock = { isMock: true, validatesRequests: true };
  return {
    servers,
    targets: [
      { name: "static Prism", baseUrl: url, servesExamples: true, ...mock },
      { name: `dynamic Prism, seed ${seed}`, baseUrl: url, servesExamples: false, prefer: "dynamic=true", ...mock },
      // The fake tenant of `iwerp-chat-client/testing`, in process: it must pass everything Prism passes.
      { name: "fake tenant", baseUrl: "https://fake-tenant.iw-erp.de", servesExamples: false, inProcessFetch: "fake-tenant", ...mock },
    ],
  };
}

/**
 * Chooses the contract targets, the one place that does, and stops them afterwards: `IWERP_CONTRACT_BASE_URL`, that
 * server; `IWERP_CONTRACT_UPSTREAM`, Prism's validating proxy in front of it; otherwise the embedded mock (seed
 * `IWERP_CONTRACT_DYNAMIC_SEED`, default 4242) and the fake tenant. Lists at the end what tests may have created.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.IWERP_CONTRACT_BASE_URL;
  const upstream = process.env.IWERP_CONTRACT_UPSTREAM;
  if (external && upstream) throw new Error("Set IWERP_CONTRACT_BASE_URL or IWERP_CONTRACT_UPSTREAM, not both.");
  const writes = writesFor(!external && !upstream);
  const recordsFile =
    process.env.IWERP_CONTRACT_RECORDS_FILE ?? path.join(tmpdir(), `iwerp-created-records-${process.pid}-${Date.now()}.jsonl`);
  const real = { isMock: false, servesExamples: false };
  let servers: PrismServer[] = [];
  let targets: ContractTargetInfo[];
  if (external) {
    targets = [{ name: "the target", baseUrl: external, validatesRequests: false, ...real }];
  } else if (upstream) {
    servers = [await createPrismServer({ mode: "proxy", upstream, ...logFile("proxy"), ...PRISM_START_TIMEOUT })];
    targets = [{ name: "the upstream through Prism's proxy", baseUrl: servers[0]!.url, validatesRequests: true, ...real }];
  } else {
    ({ servers, targets } = await startMocks(process.env.IWERP_CONTRACT_DYNAMIC_SEED || DEFAULT_MOCK_SEED));
  }
  project.provide("contractTargets", targets);
  project.provide("contractWrites", writes);
  project.provide("contractRecordsFile", recordsFile);
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
    // Run by hand against a tenant (not by the contract-check command, which reports them itself).
    if (!process.env.IWERP_CONTRACT_RECORDS_FILE) {
      const records = parseRecords(await readFile(recordsFile, "utf8").catch(() => ""));
      if (records.length > 0) console.warn(describeRecords(records));
    }
  };
}
