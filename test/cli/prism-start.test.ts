import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { createPrismServer } from "../../scripts/lib/prism.mjs";
import { prismListening } from "../../scripts/lib/net.mjs";

/*
 * Prism takes a free port itself (`-p 0`) and says where it listens; the check and the contract tests read that
 * line instead of picking a port and polling it.
 */

/** A stand-in for a started Prism: its stdout and its exit, driven by the test. */
function fakeChild(): { child: ChildProcess; stdout: PassThrough } {
  const stdout = new PassThrough();
  const child = Object.assign(new EventEmitter(), { stdout }) as unknown as ChildProcess;
  return { child, stdout };
}

describe("prismListening", () => {
  test("resolves with the address Prism announces, read from whole lines even when a chunk ends inside it", async () => {
    const { child, stdout } = fakeChild();
    const url = prismListening(child, 60_000);

    stdout.write("[10:00:00 AM] › [CLI] …  awaiting  Starting Prism…\n[10:00:01 AM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:4");
    stdout.write("3817\n");

    await expect(url).resolves.toBe("http://127.0.0.1:43817");
  });

  test("fails as soon as the process exits without having listened, not at the timeout", async () => {
    const { child, stdout } = fakeChild();
    const url = prismListening(child, 600_000);

    stdout.write("[10:00:00 AM] › [CLI] ✖  fatal     Error opening file\n");
    child.emit("exit", 1, null);

    await expect(url).rejects.toThrow("it exited (1) before it listened");
  });
});

test("a Prism that cannot start fails with the end of its log, which says why", async () => {
  const started = createPrismServer({ spec: "/nonexistent/iwerp-missing-spec.yaml", startTimeoutMs: 120_000 });

  await expect(started).rejects.toThrow(/^Prism did not start \(it exited \(1\) before it listened\)\. The end of its log:\n[\s\S]*iwerp-missing-spec\.yaml/);
});
