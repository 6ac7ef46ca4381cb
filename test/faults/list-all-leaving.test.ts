import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startStandIn } from "../../scripts/lib/stand-in.mjs";
import { AbortError, createChatClient, type ChatClient } from "../../src/index.js";
import { TOKEN } from "../support/secrets.js";

/**
 * A tenant on 127.0.0.1 that answers page 0 of the participant list with a full page of two and never answers
 * page 1: it keeps that request open until the client gives up, and says when the client closed it.
 */
async function startStallingTenant() {
  let stalled: (request: IncomingMessage) => void = () => {};
  const stalledRequest = new Promise<IncomingMessage>((resolve) => (stalled = resolve));
  const server = await startStandIn({
    handler: ({ query }, res) => (new URLSearchParams(query).get("page") === "0" ? void res.writeHead(200, { "content-type": "application/json" }).end('[{"id":1},{"id":2}]') : stalled(res.req)),
  });
  /** Resolves when the stalled request's connection closes, i.e. the client aborted it. */
  const stalledRequestClosed = stalledRequest.then((req) => (req.socket.destroyed ? undefined : once(req.socket, "close")));
  return { baseUrl: server.url, server, stalledRequest, stalledRequestClosed };
}

let tenant: Awaited<ReturnType<typeof startStallingTenant>>;
let chat: ChatClient;

beforeEach(async () => {
  tenant = await startStallingTenant();
  // A long attempt timeout, so only leaving the walk can end the stalled request.
  chat = createChatClient({ baseUrl: tenant.baseUrl, sessionToken: TOKEN, timeoutMs: 600_000, deadlineMs: 600_000, logger: false });
});
afterEach(() => tenant.server.close());

describe("leaving listAll while a page is in flight", () => {
  test("return() aborts the stalled page: it settles, the pending next() ends the walk, and the server sees the request closed", async () => {
    const walk = chat.chatroomParticipants.listAll({ pageSize: 2 });
    expect((await walk.next()).value).toEqual({ id: 1 });
    expect((await walk.next()).value).toEqual({ id: 2 });
    const pending = walk.next();
    await tenant.stalledRequest;

    await expect(walk.return()).resolves.toEqual({ done: true, value: undefined });

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await tenant.stalledRequestClosed;
    await expect(walk.next()).resolves.toEqual({ done: true, value: undefined });
  });

  test("a for-await loop waiting for the page ends without an error when a cancel handler calls return()", async () => {
    const walk = chat.chatroomParticipants.listAll({ pageSize: 2 });
    const seen: unknown[] = [];
    const loop = (async () => {
      for await (const participant of walk) seen.push(participant);
    })();
    await tenant.stalledRequest;

    await walk.return();

    await expect(loop).resolves.toBeUndefined();
    expect(seen).toEqual([{ id: 1 }, { id: 2 }]);
    await tenant.stalledRequestClosed;
  });

  test("aborting the caller's signal while the page is in flight ends the walk with an AbortError and closes the request", async () => {
    const controller = new AbortController();
    const walk = chat.chatroomParticipants.listAll({ pageSize: 2 }, { signal: controller.signal });
    await walk.next();
    await walk.next();
    const pending = walk.next();
    await tenant.stalledRequest;

    controller.abort();

    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await tenant.stalledRequestClosed;
  });
});
