import { build, stop as stopEsbuild } from "esbuild";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, test } from "vitest";
import { REDACTED } from "../../src/core/redactor.js";
import { safetyTimeout } from "../support/safety-timeouts.js";

// esbuild's service is a child process: stopped after this file, not left for the worker's exit to orphan.
afterAll(() => stopEsbuild());

/** How long the redaction may take on a loaded machine before the test calls it stuck: a safety net, not a measurement. */
const STUCK_AFTER_MS = safetyTimeout(30_000);

/**
 * `Redactor#text(text)` for `secrets`, run in a worker thread (the client's redactor bundled by esbuild), so that a
 * redaction that backtracks for hours can be ended: resolves with the redacted text, or `undefined` once stuck.
 */
async function redactInWorker(secrets: string[], text: string): Promise<string | undefined> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("../../src/core/redactor.ts", import.meta.url))],
    bundle: true,
    format: "cjs",
    platform: "node",
    write: false,
  });
  const code = `const exports = {}; const module = { exports };\n${bundle.outputFiles[0]?.text}
const { parentPort, workerData } = require("node:worker_threads");
parentPort.postMessage(new module.exports.Redactor(workerData.secrets).text(workerData.text));`;
  const worker = new Worker(code, { eval: true, workerData: { secrets, text } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      worker.once("message", resolve).once("error", reject);
      timer = setTimeout(() => resolve(undefined), STUCK_AFTER_MS);
    });
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

describe("the redactor's time stays linear in the text's length", () => {
  test.each([
    ["a million U+FFFD (a Latin-1 or binary body read as UTF-8)", "\ufffd".repeat(1_000_000)],
    ["an ampersand and a million letters (what a named HTML entity starts like)", `&${"a".repeat(1_000_000)}`],
  ])("%s are read through once for a secret that starts with an umlaut", async (_case, filler) => {
    const text = `${filler} ändern-GEHEIM-7`;

    const redacted = await redactInWorker(["ändern-GEHEIM-7"], text);

    expect(redacted, "the redaction was stuck").toBeDefined();
    expect(redacted?.endsWith(` ${REDACTED}`)).toBe(true);
  });
});
