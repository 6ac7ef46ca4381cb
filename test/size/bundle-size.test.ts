import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { BUNDLE_LIMIT_BYTES, describeSize, measureBundle } from "../../scripts/size/bundle-size.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe("the browser bundle's size budget", () => {
  test("the whole client, minified and gzipped, is within the one limit of 15 kB", async () => {
    const size = await measureBundle();

    expect(BUNDLE_LIMIT_BYTES).toBe(15_850);
    expect(size.gzipped).toBeGreaterThan(5_000);
    expect(size.gzipped).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
    expect(size.ok).toBe(true);
  });

  test("a client that grows past the limit fails the check, which says by how much and where the limit is", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "iwerp-size-"));
    folders.push(folder);
    const entry = path.join(folder, "grown.ts");
    // 2 kB that gzip cannot shrink, kept in the bundle by being exported.
    const entrySource = `export * from ${JSON.stringify(path.join(ROOT, "src", "index.ts"))};\nexport const extra = ${JSON.stringify(randomBytes(2048).toString("base64"))};\n`;
    await writeFile(entry, entrySource);

    const size = await measureBundle(entry);

    expect(size.ok).toBe(false);
    expect(describeSize(size)).toMatch(/over the limit by [\d,]+ B; make the client smaller or raise BUNDLE_LIMIT_BYTES in scripts\/size\/bundle-size\.mjs/);
  });
});
