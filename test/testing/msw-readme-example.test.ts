// The README's "With MSW" example, word for word but for the import paths (the README imports "iwerp-chat-client",
// "iwerp-chat-client/testing" and "iwerp-chat-client/testing/msw"), so that it cannot rot.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { createChatClient } from "../../src/index.js";
import { createFakeTenant } from "../../src/testing/index.js";
import { fakeTenantHandlers } from "../../src/testing/msw.js";

const baseUrl = "https://acme.iw-erp.de";
const tenant = createFakeTenant();
const server = setupServer(...fakeTenantHandlers(tenant, { baseUrl }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => tenant.reset());
afterAll(() => server.close());

test("a participant the app adds with its own fetch is listed by the client", async () => {
  // Created after listen(): the client takes globalThis.fetch, which MSW patches, when it is created.
  const chat = createChatClient({ baseUrl, sessionToken: tenant.sessionToken });

  await fetch(`${baseUrl}/api/chat/chatroom_participant`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-session-token": tenant.sessionToken },
    body: JSON.stringify({ data: { chatroom: { id: 42 }, first_name: "Grace" } }),
  });

  const listed = await chat.chatroomParticipants.list({ chatroom: "42" });
  expect(listed.map((p) => p.first_name)).toEqual(["Ada", "Grace"]);
});
