import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConnectionError, ServerError, TimeoutError } from "../../src/index.js";
import { KEY_HEADER, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createTestClient, rejectionOf } from "../support/create-test-client.js";
import type { FaultName } from "../../scripts/lib/stand-in-faults.mjs";
import { expectNothingSecret } from "../support/secrets.js";

let server: StandIn;
let counter = 0;

beforeAll(async () => {
  server = await startStandIn();
});
afterAll(() => server.close());

/**
 * A client whose calls all carry one fresh attempt key, so the server counts this test's attempts alone. Its
 * attempt timeout ends the stalled attempts; a second, so that on a loaded machine no attempt times out before
 * it reached the server or before the server's answer came.
 */
function keyedClient(fault: FaultName, options: Parameters<typeof createTestClient>[2] = {}) {
  const key = `method-${process.pid}-${++counter}`;
  return { key, ...createTestClient(server, fault, { headers: { [KEY_HEADER]: key }, timeoutMs: 1_000, ...options }) };
}

describe("idempotent operations (GET, PUT, DELETE) are retried after ambiguous failures by default", () => {
  test.each<[string, FaultName, Function]>([
    ["a connection reset before any answer", "reset-once-then-ok", ConnectionError],
    ["a 500 with an HTML page", "html-500-once-then-ok", ServerError],
    ["an attempt timeout before any answer", "stall-once-then-ok", TimeoutError],
  ])("GET after %s succeeds on the second attempt", async (_case, fault) => {
    const t = keyedClient(fault);

    const room = await t.client.chatrooms.get(42);

    expect(room.id).toBe(42);
    expect(server.attemptsFor(t.key)).toBe(2);
    expect(t.retries).toHaveLength(1);
    expect(t.lines[0]).toMatch(/^info: iwerp-chat: retrying GET http:\/\/127\.0\.0\.1:\d+\/api\/chat\/chatroom\/42 /);
  });

  test("PUT after a connection reset succeeds on the second attempt", async () => {
    const t = keyedClient("reset-once-then-ok");

    const updated = await t.client.chatroomParticipants.update(7, { is_muted: true });

    expect(updated).toMatchObject({ id: 7, is_muted: true });
    expect(server.attemptsFor(t.key)).toBe(2);
  });

  test("DELETE after a 500 succeeds on the second attempt", async () => {
    const t = keyedClient("html-500-once-then-ok");

    const deleted = await t.client.chatroomMessages.delete(9);

    expect(deleted.id).toBe(9);
    expect(server.attemptsFor(t.key)).toBe(2);
  });

  test("a 502 on every attempt ends in a ServerError after maxAttempts", async () => {
    const t = keyedClient("empty-502");

    const error = await rejectionOf(t.client.chatroomMessageReactions.get(5));

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, attempts: 3 });
    expect(server.attemptsFor(t.key)).toBe(3);
    expectNothingSecret(error, t);
  });
});

describe("POST keeps the create-safe policy", () => {
  test.each<[string, FaultName, Function]>([
    ["a connection reset before any answer", "reset-once-then-ok", ConnectionError],
    ["a 500", "html-500-once-then-ok", ServerError],
    ["an attempt timeout before any answer", "stall-once-then-ok", TimeoutError],
  ])("the customer portal's reaction add after %s is not repeated", async (_case, fault, ErrorClass) => {
    const t = keyedClient(fault);

    const error = await rejectionOf(t.client.customerPortal.chatroomMessageReactions.add(1001, { emoji: "👍" }));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(server.attemptsFor(t.key)).toBe(1);
  });
});

describe("apiTokens.create, a GET that mints a credential (x-iwerp-kind: api-token), keeps the create-safe policy", () => {
  test.each<[string, FaultName, Function]>([
    ["a connection reset before any answer", "reset-once-then-ok", ConnectionError],
    ["a 500", "html-500-once-then-ok", ServerError],
    ["an attempt timeout before any answer", "stall-once-then-ok", TimeoutError],
  ])("after %s it is not repeated: the lost answer's token may exist, and a repetition would mint another", async (_case, fault, ErrorClass) => {
    const t = keyedClient(fault);

    const error = await rejectionOf(t.client.apiTokens.create({ validSeconds: 3600 }));

    expect(error).toBeInstanceOf(ErrorClass);
    expect(server.attemptsFor(t.key)).toBe(1);
  });
});
