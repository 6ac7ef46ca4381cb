import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stop as stopEsbuild } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  BUDGETS,
  BUNDLE_LIMIT_BYTES,
  describeSize,
  measureBundle,
  PARTICIPANTS_LIMIT_BYTES,
  PARTICIPANTS_TARGET_BYTES,
  RAW_LIMIT_BYTES,
  type Size,
} from "../../scripts/size/bundle-size.mjs";

const folders: string[] = [];
type Budget = (typeof BUDGETS)[number];
const [WHOLE, PARTICIPANTS, RAW] = BUDGETS as [Budget, Budget, Budget];
let whole: Size;
let participants: Size;
let withRaw: Size;

beforeAll(async () => {
  [whole, participants, withRaw] = await Promise.all([measureBundle(WHOLE), measureBundle(PARTICIPANTS), measureBundle(RAW)]);
});

afterAll(async () => {
  // esbuild's service is a child process: stopped here, not left for the worker's exit to orphan.
  await stopEsbuild();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A copy of `budget`'s entry that exports 2 kB more, which gzip cannot shrink. */
async function grown(budget: Budget): Promise<Budget> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "iwerp-size-"));
  folders.push(folder);
  const entry = path.join(folder, "grown.ts");
  await writeFile(entry, `export * from ${JSON.stringify(budget.entry)};\nexport const extra = ${JSON.stringify(randomBytes(2048).toString("base64"))};\n`);
  return { ...budget, entry };
}

describe("the browser bundles' size budgets", () => {
  test("the whole client, minified and gzipped, is within its limit of 15 kB", () => {
    expect(BUNDLE_LIMIT_BYTES).toBe(15_000);
    expect(whole.gzipped).toBeGreaterThan(5_000);
    expect(whole.gzipped).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
    expect(whole.ok).toBe(true);
  });

  test("an app that uses only chat room participants is within its own limit, well under the whole client", () => {
    expect(PARTICIPANTS_LIMIT_BYTES).toBeLessThan(BUNDLE_LIMIT_BYTES);
    expect(participants.gzipped).toBeLessThanOrEqual(PARTICIPANTS_LIMIT_BYTES);
    expect(participants.ok).toBe(true);
    expect(participants.gzipped).toBeLessThan(whole.gzipped - 1_000);
  });

  test("the report says how far that app is from its target of 11 kB, and nothing once it is there", () => {
    expect(PARTICIPANTS_TARGET_BYTES).toBe(11_000);
    const limit = PARTICIPANTS_LIMIT_BYTES.toLocaleString("en-US");
    expect(describeSize({ ...participants, gzipped: 12_000 })).toMatch(new RegExp(`limit ${limit} B; target 11,000 B, 1,000 B to go$`));
    expect(describeSize({ ...participants, gzipped: 11_000 })).not.toContain("target");
    expect(describeSize(whole)).not.toContain("target");
  });

  test("that app holds only the participant operations: no other path, no operation table, no login", () => {
    const own = ["/api/chat/chatroom_participant", "/api/chat/chatroom_participant/{identifier}"];
    for (const path of own) expect(participants.code).toContain(JSON.stringify(path));
    const others = ["/api/chat/chatroom/{identifier}", "/api/chat/chatroom_message", "/api/cp/chat/", "/api/logins", "is not an operationId of the spec"];
    for (const other of others) {
      expect(participants.code).not.toContain(other);
      expect(whole.code).toContain(other);
    }
  });

  test("neither the whole client nor that app bundles openapi-fetch's client and its path serializer: only the raw entry brings them", () => {
    // Texts of openapi-fetch's createClient (its middleware checks) and of defaultPathSerializer (an exploded `{name*}`).
    const clientOnly = ["onRequest: must return new Request()", "Middleware must be an object", 'endsWith("*")'];
    for (const text of clientOnly) {
      expect(withRaw.code).toContain(text);
      expect(whole.code).not.toContain(text);
      expect(participants.code).not.toContain(text);
    }
  });

  test("the whole client and that app bundle openapi-fetch's pair serializer, not its query serializer's array and object styles", () => {
    // serializePrimitiveParam's text for a nested value; serializeArrayParam's and serializeObjectParam's styles.
    const pairSerializer = "Deeply-nested arrays/objects aren";
    const stylesOnly = ["spaceDelimited", "deepObject"];
    for (const bundle of [whole, participants]) expect(bundle.code).toContain(pairSerializer);
    for (const text of stylesOnly) {
      expect(withRaw.code).toContain(text);
      expect(whole.code).not.toContain(text);
      expect(participants.code).not.toContain(text);
    }
  });

  test("the whole client with iwerp-chat-client/raw is within its own limit, above the whole client's", () => {
    expect(RAW_LIMIT_BYTES).toBeGreaterThan(BUNDLE_LIMIT_BYTES);
    expect(withRaw.gzipped).toBeGreaterThan(whole.gzipped);
    expect(withRaw.gzipped).toBeLessThanOrEqual(RAW_LIMIT_BYTES);
    expect(withRaw.ok).toBe(true);
  });

  test.each([WHOLE, PARTICIPANTS, RAW])("$name: a bundle that grows past the limit fails the check, saying by how much and where the limit is", async (budget) => {
    const size = await measureBundle(await grown(budget));

    expect(size.ok).toBe(false);
    expect(describeSize(size)).toMatch(/over the limit by [\d,]+ B; make the client smaller or raise its limit in scripts\/size\/bundle-size\.mjs/);
  });
});
