#!/usr/bin/env node
// @ts-check
/**
 * `npm run generate:watch`: regenerates `generated/` whenever a file in `openapi/` or `redocly.yaml` is saved.
 * `generate()` writes nothing unless every step succeeded, so a lint error leaves the last good output in place.
 */
import { watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "./generate.mjs";
import { ROOT } from "./lib/paths.mjs";

/**
 * A regeneration that succeeded or failed; `sinceChangeMs` counts from the first save that triggered it.
 * @typedef {{ type: "generated", files: string[], ms: number, sinceChangeMs: number | undefined }
 *   | { type: "failed", message: string, ms: number, sinceChangeMs: number | undefined }} WatchEvent
 */

/** @param {WatchEvent} event */
function printEvent(event) {
  const when = event.sinceChangeMs === undefined ? `${event.ms} ms` : `${event.sinceChangeMs} ms after the save`;
  if (event.type === "generated") {
    console.log(`✓ regenerated ${event.files.map((f) => path.relative(process.cwd(), f)).join(", ")} (${when})`);
  } else {
    console.error(`✗ not regenerated (${when}); generated/ keeps the last good output.\n${event.message}\n`);
  }
}

/** How long to wait for more saves before regenerating. */
const DEBOUNCE_MS = 40;

/**
 * Watches the spec and regenerates on every change, and once at the start unless `initial` is false.
 * @param {{ root?: string, outDir?: string, initial?: boolean, onEvent?: (event: WatchEvent) => void }} [options]
 *   defaults: this repository, `<root>/generated`, true, printed.
 * @returns {{ close(): void, idle(): Promise<void> }} `close` stops watching; `idle` resolves when no
 *   regeneration is running or due.
 */
export function watchSpec({ root = ROOT, outDir = path.join(root, "generated"), initial = true, onEvent = printEvent } = {}) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {number | undefined} */
  let firstChangeAt;
  // One regeneration at a time; saves during one are not lost: one more run follows it, however many saves came.
  let queue = Promise.resolve();
  let queued = false;

  const regenerateNow = async () => {
    queued = false;
    const changedAt = firstChangeAt;
    firstChangeAt = undefined;
    const started = performance.now();
    const times = () => ({ ms: Math.round(performance.now() - started), sinceChangeMs: changedAt === undefined ? undefined : Math.round(performance.now() - changedAt) });
    try {
      onEvent({ type: "generated", files: await generate({ root, outDir }), ...times() });
    } catch (error) {
      onEvent({ type: "failed", message: error instanceof Error ? error.message : String(error), ...times() });
    }
  };
  const start = () => {
    timer = undefined;
    if (queued) return;
    queued = true;
    queue = queue.then(regenerateNow);
  };
  const changed = () => {
    firstChangeAt ??= performance.now();
    clearTimeout(timer);
    timer = setTimeout(start, DEBOUNCE_MS);
  };

  const watchers = [
    watch(path.join(root, "openapi"), { recursive: true }, changed),
    watch(root, (_event, file) => {
      if (file === "redocly.yaml") changed();
    }),
  ];
  if (initial) start();
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
    async idle() {
      for (let seen; seen !== queue || timer; ) {
        seen = queue;
        await seen;
        if (timer) await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
      }
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const watcher = watchSpec();
  console.log(`watching ${path.relative(process.cwd(), path.join(ROOT, "openapi"))}/ and redocly.yaml; Ctrl-C to stop`);
  process.once("SIGINT", () => watcher.close());
  process.once("SIGTERM", () => watcher.close());
}
