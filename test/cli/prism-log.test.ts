import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { EXCHANGE_HEADER } from "../../scripts/contract-check/tenant/recording-hop.mjs";
import { startTenantProxy } from "../../scripts/contract-check/tenant/tenant-proxy.mjs";
import { DEFAULTS } from "../../src/core/defaults.js";
import { Redactor } from "../../src/core/redactor.js";
import { createStandIn, TOKEN } from "../support/create-stand-in.js";

/*
 * Prism's log, which the check keeps in the log folder: it goes through the client's redactor line by line.
 */

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

test("Prism's log goes through the redactor: a token in the paths and queries Prism logs is not in the file, in any encoding", async () => {
  const secret = `tok&<>"'%/ z-never-print`;
  const logDir = await mkdtemp(path.join(tmpdir(), "iwerp-prism-log-"));
  dirs.push(logDir);
  const standIn = await createStandIn();
  const redactor = new Redactor([TOKEN, secret]);
  const proxy = await startTenantProxy({ upstream: standIn.url, allowWrites: false, maxResponseBytes: DEFAULTS.maxResponseBytes, logDir, redact: (text) => redactor.text(text) });
  try {
    // Prism logs every path it receives and every URL it forwards to.
    for (const [i, id] of [TOKEN, secret].entries()) {
      const answer = await fetch(`${proxy.url}/api/chat/chatroom/${encodeURIComponent(id)}?pageSize=${encodeURIComponent(id)}`, {
        headers: { "x-session-token": TOKEN, [EXCHANGE_HEADER]: String(i) },
      });
      await answer.arrayBuffer();
    }
  } finally {
    await proxy.stop();
    await standIn.close();
  }
  const log = await readFile(proxy.logFile, "utf8");

  expect(log).toMatch(/get \/api\/chat\/chatroom\/\[redacted\]/i);
  expect(log).not.toContain("never-print");
});
