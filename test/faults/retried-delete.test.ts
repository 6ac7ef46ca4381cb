import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startStandIn } from "../../scripts/lib/stand-in.mjs";
import { createChatClient, NotFoundAfterRetryError, NotFoundError, type ChatClient } from "../../src/index.js";
import { rejectionOf } from "../support/create-test-client.js";
import { TOKEN } from "../support/secrets.js";

/** What the first request for a record gets before the server answers 404 to every later one. */
type FirstAnswer = "delete-then-reset" | "503" | "500" | "404";

/**
 * A tenant on 127.0.0.1 whose records 1… exist until deleted. The path's last segment is the record's id, and the
 * `x-first` header says what the first request for it gets: deleted and the connection reset before any answer,
 * a 503 (not processed), a 500 (processed, the answer lost) or a plain 404. Every later request gets 404.
 */
async function startTenant() {
  const seen = new Map<string, number>();
  const server = await startStandIn({
    handler: ({ path }, res) => {
      const id = path.split("/").at(-1) ?? "";
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      const first = res.req.headers["x-first"] as FirstAnswer;
      if (count === 1 && first === "delete-then-reset") return void res.socket?.destroy();
      if (count === 1 && first === "503") return void res.writeHead(503, { "content-type": "application/json" }).end('{"title":"busy"}');
      if (count === 1 && first === "500") return void res.writeHead(500, { "content-type": "application/json" }).end('{"title":"proxy gave up"}');
      res.writeHead(404, { "content-type": "application/json" }).end('{"title":"Not Found"}');
    },
  });
  return { baseUrl: server.url, attempts: (id: number) => seen.get(String(id)) ?? 0, server };
}

let tenant: Awaited<ReturnType<typeof startTenant>>;
let nextId = 0;

beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(() => tenant.server.close());

function clientWhoseFirstAttempt(first: FirstAnswer): ChatClient {
  return createChatClient({ baseUrl: tenant.baseUrl, sessionToken: TOKEN, headers: { "x-first": first }, retry: { initialDelayMs: 1 }, logger: false });
}

describe("a DELETE repeated after an attempt whose outcome is unknown", () => {
  test("the server deletes, then resets the connection: the 404 of the retry is a NotFoundAfterRetryError that says to treat the record as deleted", async () => {
    const id = ++nextId;

    const error = await rejectionOf(clientWhoseFirstAttempt("delete-then-reset").chatroomParticipants.delete(id));

    expect(error).toBeInstanceOf(NotFoundAfterRetryError);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ name: "NotFoundAfterRetryError", status: 404, attempts: 2, method: "DELETE" });
    expect((error as Error).message).toMatch(/failed with 404 Not Found after 2 attempts: Not Found\. An earlier attempt most likely deleted the record: treat it as deleted\./);
    expect(tenant.attempts(id)).toBe(2);
  });

  test("after a 500 (the answer of a processed request may be lost) the same holds, for every resource's delete", async () => {
    const chat = clientWhoseFirstAttempt("500");

    for (const remove of [chat.chatroomMessages.delete.bind(chat.chatroomMessages), chat.chatroomMessageReactions.delete.bind(chat.chatroomMessageReactions)]) {
      const id = ++nextId;
      const error = await rejectionOf(remove(id));

      expect(error).toBeInstanceOf(NotFoundAfterRetryError);
      expect(tenant.attempts(id)).toBe(2);
    }
  });
});

describe("a 404 that no earlier attempt can explain stays a plain NotFoundError", () => {
  test("after a 503 (the server did not process the first attempt)", async () => {
    const id = ++nextId;

    const error = await rejectionOf(clientWhoseFirstAttempt("503").chatroomParticipants.delete(id));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).not.toBeInstanceOf(NotFoundAfterRetryError);
    expect(error).toMatchObject({ attempts: 2 });
    expect((error as Error).message).toMatch(/Check the host and the ids\./);
  });

  test("on the first attempt", async () => {
    const id = ++nextId;

    const error = await rejectionOf(clientWhoseFirstAttempt("404").chatroomParticipants.delete(id));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).not.toBeInstanceOf(NotFoundAfterRetryError);
    expect(error).toMatchObject({ attempts: 1 });
  });

  test("for a GET repeated after a reset: reading changes nothing, so the record is simply not there", async () => {
    const id = ++nextId;

    const error = await rejectionOf(clientWhoseFirstAttempt("delete-then-reset").chatroomMessages.get(id));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).not.toBeInstanceOf(NotFoundAfterRetryError);
    expect(error).toMatchObject({ attempts: 2 });
  });
});
