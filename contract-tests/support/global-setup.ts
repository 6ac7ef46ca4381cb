import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrismServer } from "./create-prism-server.js";
import { describeRecords, parseRecords } from "../../scripts/lib/created-records.mjs";

/** Whether the contract tests may create records on the target, and in which chat room. */
export interface ContractWrites {
  allowed: boolean;
  /** The chat room the write tests add participants to; null means the examples' room (mock only). */
  chatroomId: number | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The base URL the contract tests call. */
    contractBaseUrl: string;
    /** True when the target is the embedded Prism mock (not a proxy to a real tenant). */
    contractTargetIsMock: boolean;
    /** True when the target answers with the spec's examples (the mock without dynamic responses). */
    contractServesExamples: boolean;
    /** Whether tests that create records run (always against the mock). */
    contractWrites: ContractWrites;
    /** Where each record a test may have created on a real target is appended, one JSON object a line. */
    contractRecordsFile: string;
  }
}

/** Reads the write permission for a real target; the mock takes any write. */
function writesFor(isMock: boolean): ContractWrites {
  if (isMock) return { allowed: true, chatroomId: null };
  const allowed = process.env.IWERP_CONTRACT_ALLOW_WRITES === "1";
  const chatroom = process.env.IWERP_CONTRACT_CHATROOM_ID ?? "";
  if (allowed && !/^[1-9]\d*$/.test(chatroom)) {
    throw new Error("IWERP_CONTRACT_ALLOW_WRITES=1 needs IWERP_CONTRACT_CHATROOM_ID: the id of a chat room the tests may add participants to.");
  }
  return { allowed, chatroomId: allowed ? Number(chatroom) : null };
}

/**
 * Chooses the contract target and stops it afterwards:
 * - `IWERP_CONTRACT_BASE_URL`: that server, as it is;
 * - `IWERP_CONTRACT_UPSTREAM`: Prism's validating proxy (`prism proxy … --errors`) in front of that server;
 * - otherwise the embedded Prism mock (`IWERP_CONTRACT_DYNAMIC_SEED` for generated responses).
 * Tests that write run against a real target only with `IWERP_CONTRACT_ALLOW_WRITES=1` and
 * `IWERP_CONTRACT_CHATROOM_ID`; what they may have created is listed at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.IWERP_CONTRACT_BASE_URL;
  const upstream = process.env.IWERP_CONTRACT_UPSTREAM;
  if (external && upstream) throw new Error("Set IWERP_CONTRACT_BASE_URL or IWERP_CONTRACT_UPSTREAM, not both.");
  const isMock = !external && !upstream;
  const writes = writesFor(isMock);
  const recordsFile =
    process.env.IWERP_CONTRACT_RECORDS_FILE ?? path.join(project.config.root, ".contract-logs", `created-records-${Date.now()}.jsonl`);
  const prism = external
    ? undefined
    : await createPrismServer(upstream ? { mode: "proxy", upstream } : { dynamicSeed: process.env.IWERP_CONTRACT_DYNAMIC_SEED });
  project.provide("contractBaseUrl", prism?.url ?? (external as string));
  project.provide("contractTargetIsMock", isMock);
  project.provide("contractServesExamples", isMock && !process.env.IWERP_CONTRACT_DYNAMIC_SEED);
  project.provide("contractWrites", writes);
  project.provide("contractRecordsFile", recordsFile);
  return async () => {
    await prism?.stop();
    // Run by hand against a tenant (not by the contract-check command, which reports them itself).
    if (!process.env.IWERP_CONTRACT_RECORDS_FILE) {
      const records = parseRecords(await readFile(recordsFile, "utf8").catch(() => ""));
      if (records.length > 0) console.warn(describeRecords(records));
    }
  };
}
