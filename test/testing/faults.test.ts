import { describe, expect, test, vi } from "vitest";
import { AbortError, ConnectionError, PermissionDeniedError, ServerError, TimeoutError, type RetryEvent } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";
import { createFakeClient, rejectionOf } from "../support/create-fake-client.js";

const ADA = { chatroom: { id: 42 }, first_name: "Ada" };
const statuses = (tenant: ReturnType<typeof createFakeTenant>) => tenant.requests.map((r) => r.status);

describe("fake tenant: faults", () => {
  test("a 503 with Retry-After: the client waits exactly that long, retries, and the participant is stored once", async () => {
    const events: RetryEvent[] = [];
    const { chat, tenant } = createFakeClient({}, { retry: { onRetry: (event) => events.push(event) } });
    tenant.fail("post_chatroom_participant_post", { status: 503, retryAfter: 0.1 });

    const added = await chat.chatroomParticipants.add(ADA);

    expect(added.id).toBe(43);
    expect(events.map((e) => [e.delayMs, (e.error as ServerError).retryAfterMs])).toEqual([[100, 100]]);
    expect(statuses(tenant)).toEqual([503, 200]);
    expect(tenant.state.participants).toHaveLength(2);
  });

  test("times: a GET that fails twice with 502 succeeds on the third attempt", async () => {
    const { chat, tenant } = createFakeClient({}, { retry: { initialDelayMs: 1 } });
    tenant.fail("get_chatroom_get", { status: 502, times: 2 });

    expect((await chat.chatrooms.get(42)).id).toBe(42);
    expect(statuses(tenant)).toEqual([502, 502, 200]);
  });

  test("a status fault carries the iwERP error headers, with the message given", async () => {
    const { chat, tenant } = createFakeClient();
    tenant.fail("get_chatroom_get", { status: 403, message: "Missing access right SCOPE_CHAT" });

    const error = await rejectionOf(chat.chatrooms.get(42));

    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: "403", messages: ["Missing access right SCOPE_CHAT"] });
  });

  test("a 304 fault is answered without a body, as a 304 has none, and with the iwERP error headers: the client reports it as an HttpError", async () => {
    const { chat, tenant } = createFakeClient();
    tenant.fail("get_chatroom_get", { status: 304 });

    const error = await rejectionOf(chat.chatrooms.get(42));

    expect(error).toMatchObject({ name: "HttpError", status: 304, code: "304", messages: ["Fault injected by the fake tenant (304)"] });
    expect(statuses(tenant)).toEqual([304]);
  });

  test("a reset is a ConnectionError (phase request, ECONNRESET); a POST is not repeated and nothing is stored", async () => {
    const { chat, tenant } = createFakeClient({}, { retry: { initialDelayMs: 1 } });
    tenant.fail("post_chatroom_participant_post", { reset: true });

    const error = await rejectionOf(chat.chatroomParticipants.add(ADA));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ phase: "request", errorCode: "ECONNRESET", attempts: 1 });
    expect(statuses(tenant)).toEqual([null]);
    expect(tenant.state.participants).toHaveLength(1);
  });

  test("a reset after processing (processed: true) stores the participant although the app saw a failure", async () => {
    const { chat, tenant } = createFakeClient();
    tenant.fail("post_chatroom_participant_post", { reset: true, processed: true });

    await expect(chat.chatroomParticipants.add(ADA)).rejects.toBeInstanceOf(ConnectionError);

    expect(tenant.state.participants.map((p) => p.first_name)).toEqual(["Ada", "Ada"]);
  });

  test("a refused connection (code ECONNREFUSED) was never sent, so even a POST is retried", async () => {
    const { chat, tenant } = createFakeClient({}, { retry: { initialDelayMs: 1 } });
    tenant.fail("post_chatroom_participant_post", { reset: true, code: "ECONNREFUSED" });

    expect((await chat.chatroomParticipants.add(ADA)).id).toBe(43);
    expect(statuses(tenant)).toEqual([null, 200]);
  });

  test("a delay longer than the client's timeoutMs is a TimeoutError", async () => {
    const { chat, tenant } = createFakeClient({}, { timeoutMs: 50 });
    // Far beyond the test's timeout: a client that waited for the answer instead of timing out would hang the test.
    tenant.fail("get_chatroom_message_cget", { delayMs: 3_600_000 });

    const error = await rejectionOf(chat.chatroomMessages.list());

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ limit: "attempt", timeoutMs: 50 });
    expect(statuses(tenant)).toEqual([null]);
  });

  test("a delay ends when the caller aborts: AbortError", async () => {
    const { chat, tenant } = createFakeClient();
    tenant.fail("get_chatroom_get", { delayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);

    await expect(chat.chatrooms.get(42, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  });

  test("a delay alone answers normally, late; a delay with a status fails late", async () => {
    // "Late" on the timers' clock, not the wall clock of a shared machine: nothing settles before 60 ms.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { chat, tenant } = createFakeClient();
      tenant.fail("get_chatroom_get", { delayMs: 60 });
      tenant.fail("get_chatroom_get", { delayMs: 60, status: 500 });

      /** The call's outcome, once it is clear it had not settled 1 ms before the delay ran out, and had at 60 ms. */
      const late = async <T>(pending: Promise<T>): Promise<T> => {
        let settled = false;
        pending.then(() => (settled = true), () => (settled = true));
        await vi.advanceTimersByTimeAsync(59);
        expect(settled).toBe(false);
        await vi.advanceTimersByTimeAsync(1);
        expect(settled).toBe(true);
        return pending;
      };

      expect((await late(chat.chatrooms.get(42))).id).toBe(42);
      expect(await late(rejectionOf(chat.chatrooms.get(42)))).toBeInstanceOf(ServerError);
      expect(statuses(tenant)).toEqual([200, 500]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("faults of one operation leave the others alone, and reset() clears them", async () => {
    const { chat, tenant } = createFakeClient();
    tenant.fail("get_chatroom_get", { status: 500, times: 5 });

    expect((await chat.chatroomMessages.get(42)).id).toBe(42);
    tenant.reset();
    expect((await chat.chatrooms.get(42)).id).toBe(42);
  });

  test.each([
    ["an operation the spec does not have", "get_everything", { status: 500 }, /"get_everything" is not an operationId of the spec/],
    ["nothing to do", "get_chatroom_get", {}, /give status, reset or delayMs/],
    ["a status and a reset", "get_chatroom_get", { status: 500, reset: true }, /not both/],
    ["a status below 300", "get_chatroom_get", { status: 200 }, /from 300 to 599/],
    ["zero times", "get_chatroom_get", { status: 500, times: 0 }, /times must be a whole number from 1/],
    ["a delay past setTimeout's longest wait (2 ** 31 ms), which would answer at once", "get_chatroom_get", { delayMs: 2 ** 31 }, /delayMs must be a number of milliseconds from 0 to 2147483647 \(got 2147483648\)/],
    ["retryAfter without a status", "get_chatroom_get", { reset: true, retryAfter: 1 }, /retryAfter goes with a status/],
    ["a retryAfter no header can carry (a line break)", "get_chatroom_get", { status: 503, retryAfter: "1\r\nx-injected: 1" }, /retryAfter must be a number of seconds or an HTTP date/],
  ])("fail() refuses %s with a TypeError", (_name, id, fault, message) => {
    const tenant = createFakeTenant();

    expect(() => tenant.fail(id as never, fault)).toThrow(message);
  });
});
