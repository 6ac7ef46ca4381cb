import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import { createChatClient, createConnection, type ChatClient, type Connection, type paths } from "../../src/index.js";
import { createRawClient, type RawClient } from "../../src/raw.js";

const chat: ChatClient = createChatClient({ host: "acme.iw-erp.de", sessionToken: "token" });

describe("createRawClient", () => {
  test("takes a client or a connection and returns openapi-fetch's client typed by the spec's paths", () => {
    expectTypeOf(createRawClient).parameter(0).toEqualTypeOf<ChatClient | Connection>();
    expectTypeOf(createRawClient(chat)).toEqualTypeOf<RawClient>();
    expectTypeOf<RawClient>().toEqualTypeOf<Client<paths>>();
    expectTypeOf(createRawClient(createConnection({ host: "acme.iw-erp.de", apiKey: "key" }))).toEqualTypeOf<RawClient>();
  });

  test("a path the spec does not have, or a resource instead of a client, does not compile", () => {
    // @ts-expect-error: no such path in the spec.
    void createRawClient(chat).GET("/api/chat/everything");
    // @ts-expect-error: a resource is neither a client nor a connection.
    void createRawClient(chat.chatrooms);
  });

  test("chat.raw is gone from ChatClient", () => {
    expectTypeOf<ChatClient>().not.toHaveProperty("raw");
  });
});
