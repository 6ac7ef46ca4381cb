import { describe, expect, test } from "vitest";
import { createChatClient, login, type CallOptions, type ChatClientOptions } from "../../src/index.js";
import { createFakeTenant, FAKE_USER } from "../../src/testing/index.js";

/**
 * An app passes its own optional settings straight through (`fetch: settings.fetch`), so under
 * `exactOptionalPropertyTypes` every option is `?: T | undefined`, and an option given as `undefined` means the
 * same as one left out. (test/types/printed-signatures.test.ts compiles such an app with that flag.)
 */
describe("options given as undefined are options left out", () => {
  /** An app's settings, each maybe unset. */
  interface Settings {
    baseUrl?: string | undefined;
    timeoutMs?: number | undefined;
    logger?: false | undefined;
  }

  test("every client option and call option may be undefined, and the call behaves as with defaults", async () => {
    const tenant = createFakeTenant();
    const settings: Settings = { baseUrl: "https://acme.iw-erp.de", logger: false };
    const options: ChatClientOptions = {
      baseUrl: settings.baseUrl,
      host: undefined,
      sessionToken: tenant.sessionToken,
      fetch: tenant.fetch,
      buildId: undefined,
      packageId: undefined,
      headers: undefined,
      timeoutMs: settings.timeoutMs,
      deadlineMs: undefined,
      retry: undefined,
      validateResponses: undefined,
      maxResponseBytes: undefined,
      allowInsecureHttp: undefined,
      logger: settings.logger,
    };
    const chat = createChatClient(options);
    const call: CallOptions = { signal: undefined, timeoutMs: undefined, deadlineMs: undefined, retry: { maxAttempts: undefined, onRetry: undefined }, validateResponses: undefined };

    const participants = await chat.chatroomParticipants.list({ chatroom: 42, page: undefined }, call);
    const all = [];
    for await (const participant of chat.chatroomParticipants.listAll({ chatroom: 42 }, { maxItems: undefined, signal: undefined })) all.push(participant);

    expect(participants.map((p) => p.id)).toEqual([42]);
    expect(all.map((p) => p.id)).toEqual([42]);
    expect(tenant.requests.map((r) => r.query)).toEqual([{ chatroom: "42" }, { chatroom: "42", page: "0", pageSize: "50" }]);
  });

  test("login takes an undefined token and tokenIdentifiers", async () => {
    const tenant = createFakeTenant();

    const { client } = await login({
      baseUrl: "https://acme.iw-erp.de",
      username: FAKE_USER.username,
      password: FAKE_USER.password,
      token: undefined,
      tokenIdentifiers: undefined,
      fetch: tenant.fetch,
    });

    await expect(client.chatrooms.get(42)).resolves.toMatchObject({ id: 42 });
  });
});
