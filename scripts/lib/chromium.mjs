// @ts-check
/** Debian's Chromium (installed through apt, never downloaded) driven by playwright-core. */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { run } from "./run.mjs";

/** Where Debian's `chromium` package puts the browser. */
const CHROMIUM = "/usr/bin/chromium";

/** Headless, and none of the browser's own traffic: no QUIC, first-run, background, component-update or sync requests. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Installs Debian's `chromium` package unless the browser is there, waiting up to five minutes for another apt run's lock.
 * @throws {Error} saying how to install it by hand, when that is not possible or fails.
 */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing; install it with \`sudo apt-get install -y chromium\``);
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package with apt-get`);
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  for (const args of [["update", ...lock], ["install", "-y", "--no-install-recommends", ...lock, "chromium"]]) {
    const result = await run("apt-get", args, { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, limitMs: 900_000 });
    if (result.code !== 0) throw new Error(`apt-get ${args.join(" ")} failed:\n${result.output.split("\n").slice(-15).join("\n")}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is not there`);
}

/**
 * A started browser: its one context, and `close`, which also removes its profile.
 * @typedef {{ context: import("playwright-core").BrowserContext, close: () => Promise<void> }} Browser
 */

/**
 * Starts headless Chromium with a fresh profile in a temporary folder, its viewport 1280×800.
 * @returns {Promise<Browser>}
 */
export async function launchChromium() {
  const profile = await mkdtemp(path.join(os.tmpdir(), "iwerp-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
    return {
      context,
      close: async () => {
        // A browser that hangs on close must not hang the check: give it a few seconds, then go on
        // (playwright kills it when this process exits).
        await Promise.race([context.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        await rm(profile, { recursive: true, force: true, maxRetries: 3 });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}
