import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { watchSpec, type WatchEvent } from "../../scripts/generate-watch.mjs";
import { safetyTimeout } from "../support/safety-timeouts.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

let root: string;
let outDir: string;
let watcher: ReturnType<typeof watchSpec>;
const events: WatchEvent[] = [];
let waiters: Array<() => boolean> = [];

/**
 * Resolves with the next event the watcher reports (never a fixed sleep). The timeout only stops a watcher
 * that never reports; how fast it reports is measured by `npm run bench:tooling`, not here.
 */
function nextEvent(timeoutMs = safetyTimeout(90_000)): Promise<WatchEvent> {
  const seen = events.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no watch event within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      if (events.length <= seen) return false;
      clearTimeout(timer);
      resolve(events[seen]!);
      return true;
    };
    if (!check()) waiters.push(check);
  });
}

const schemaFile = () => path.join(root, "openapi/components/schemas/ChatroomParticipant.yaml");
const bundled = () => readFile(path.join(outDir, "openapi.yaml"), "utf8");

/**
 * Saves `text` as the schema file and resolves with the watcher's last event once it has reacted and is idle
 * again: on a loaded machine one save can reach it as two file events (truncate, then write) far enough apart
 * for two regenerations, and only the outcome of the last one counts.
 */
async function saveAndSettle(text: string): Promise<WatchEvent> {
  const reacted = nextEvent();
  await writeFile(schemaFile(), text);
  await reacted;
  await watcher.idle();
  return events.at(-1)!;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-watch-test-"));
  outDir = path.join(root, "generated");
  await cp(path.join(ROOT, "openapi"), path.join(root, "openapi"), { recursive: true });
  await cp(path.join(ROOT, "redocly.yaml"), path.join(root, "redocly.yaml"));
  await cp(path.join(ROOT, "generated"), outDir, { recursive: true });
  watcher = watchSpec({
    root,
    outDir,
    initial: false,
    onEvent: (event) => {
      events.push(event);
      waiters = waiters.filter((check) => !check());
    },
  });
});

afterAll(async () => {
  watcher?.close();
  await watcher?.idle();
  await rm(root, { recursive: true, force: true });
});

test("a saved spec change is regenerated (lint, bundle, types, validators)", async () => {
  const original = await readFile(schemaFile(), "utf8");
  const result = await saveAndSettle(original.replace("  last_name:\n    type: string\n", "  last_name:\n    type: string\n    description: Shown instead of the name.\n"));

  expect(result.type).toBe("generated");
  expect(await bundled()).toContain("Shown instead of the name.");
  expect((await readFile(path.join(outDir, "openapi.d.ts"), "utf8")).replace(/\s+/g, " ")).toContain("/** @description Shown instead of the name. */ last_name?: string;");
});

test("a lint error is shown and the last good output stays in place", async () => {
  const before = await bundled();
  const original = await readFile(schemaFile(), "utf8");
  const result = await saveAndSettle(original.replace("  last_name:\n    type: string\n", "  last_name:\n    type: strin\n"));

  expect(result.type).toBe("failed");
  expect(result.type === "failed" && result.message).toMatch(/does not pass the lint[\s\S]*ChatroomParticipant\.yaml/);
  expect(await bundled()).toBe(before);
});
