// @ts-check
/** Debian's Chromium for the browser column of the matrix: installed through apt when it is missing. */
import { existsSync } from "node:fs";
import { runLimited } from "./run-limited.mjs";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Installs Debian's `chromium` unless it is there (never a browser download: only the distribution's
 * package). Waits up to five minutes for an apt run that holds the lock, e.g. another install of it.
 * @returns {Promise<string | undefined>} `undefined` when ready, else why it is not.
 */
export async function installChromium() {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.getuid?.() !== 0) return `${CHROMIUM} is missing; install it with \`sudo apt-get install -y chromium\``;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  for (const args of [["update", ...lock], ["install", "-y", ...lock, "chromium"]]) {
    const result = await runLimited("apt-get", args, { env, limitMs: 900_000 });
    if (result.code !== 0) return `apt-get ${args.join(" ")} failed${result.timedOut ? " (timed out)" : ""}:\n${result.stderr.trim()}`;
  }
  return existsSync(CHROMIUM) ? undefined : `apt-get installed chromium, but ${CHROMIUM} is not there`;
}
