import { createServer as createPlainServer } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ConnectionError, createChatClient } from "../../src/index.js";
import { rejectionOf } from "../support/create-test-client.js";

/**
 * A self-signed certificate for iwerp-test.invalid, valid until 2126, made for this test alone (its key protects
 * nothing): Node.js refuses it, as it refuses a tenant certificate that expired or names another host.
 */
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjuc1kLMbe2SiGI5A
HPtsEUz6lSh+jfoC02KNvZaO4yyhRANCAASjpzWzLZTAGXAFtzPMl3D1UhYSIDy3
ucdb/VFCYvV0/LtdJBEaOKbcqspJ+v/u/PEH8+hE9ZKyMlBa5AJLgyfp
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBkTCCATegAwIBAgIUYytAbMnOz72oxtLiWN5mgMk4u/4wCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSaXdlcnAtdGVzdC5pbnZhbGlkMCAXDTI2MTIwNzIzNDIyNVoY
DzIxMjYxMTEzMjM0MjI1WjAdMRswGQYDVQQDDBJpd2VycC10ZXN0LmludmFsaWQw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASjpzWzLZTAGXAFtzPMl3D1UhYSIDy3
ucdb/VFCYvV0/LtdJBEaOKbcqspJ+v/u/PEH8+hE9ZKyMlBa5AJLgyfpo1MwUTAd
BgNVHQ4EFgQUj3+zwdSjd9BdrHnW3LfjhMOctlYwHwYDVR0jBBgwFoAUj3+zwdSj
d9BdrHnW3LfjhMOctlYwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF
AiAGfh/FGFegvL5DzorNlxTZa2HbYMP/4l9RGHAbWKE/NQIhAJP5c7F3o505D1T2
5XSC9mXcjHSd6jrgYBpg3O+yfAFc
-----END CERTIFICATE-----
`;

let server: Server;
let baseUrl: string;
/** TCP connections the server accepted: one per attempt, as no handshake succeeds. */
let connections = 0;
/** Requests that got past the handshake: none may. */
let requests = 0;

beforeAll(async () => {
  server = createServer({ key: KEY, cert: CERT }, (_request, response) => {
    requests++;
    response.end("{}");
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a certificate the runtime refuses fails a GET once, as not sent, without retries that would meet it again", async () => {
  connections = 0;
  const chat = createChatClient({ baseUrl, sessionToken: "tls-test-token-0001", logger: false, retry: { initialDelayMs: 1 } });

  const error = await rejectionOf(chat.chatrooms.get(42));

  expect(error).toBeInstanceOf(ConnectionError);
  expect(error).toMatchObject({ phase: "connect", errorCode: "DEPTH_ZERO_SELF_SIGNED_CERT", attempts: 1 });
  expect((error as Error).message).toMatch(/could not connect \(self[- ]signed certificate\)\. Nothing was sent\.$/);
  expect(connections).toBe(1);
  expect(requests).toBe(0);
});

test("a POST refused for its certificate says nothing was sent, not that it may have been processed", async () => {
  connections = 0;
  const chat = createChatClient({ baseUrl, sessionToken: "tls-test-token-0001", logger: false, retry: { initialDelayMs: 1, retryAmbiguous: true } });

  const error = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" }));

  expect(error).toMatchObject({ name: "ConnectionError", phase: "connect", attempts: 1 });
  expect((error as Error).message).not.toMatch(/processed/);
  expect(connections).toBe(1);
  expect(requests).toBe(0);
});

test.each([
  "client error (Connect): invalid peer certificate: UnknownIssuer",
  "client error (Connect): invalid peer certificate: Expired",
  "client error (Connect): invalid peer certificate: NotValidForName",
])("a certificate Deno refuses (%s, no code) fails a GET once, as not sent, and a POST says nothing was sent", async (detail) => {
  let attempts = 0;
  // What Deno's fetch throws: a TypeError whose message alone describes the failure.
  const denoFetch: typeof fetch = async (input) => {
    attempts++;
    throw new TypeError(`error sending request for url (${String(input)}): ${detail}`);
  };
  const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken: "tls-test-token-0001", logger: false, fetch: denoFetch, retry: { initialDelayMs: 1, retryAmbiguous: true } });

  const read = await rejectionOf(chat.chatrooms.get(42));
  expect(read).toMatchObject({ name: "ConnectionError", phase: "connect", attempts: 1 });
  expect(attempts).toBe(1);

  const add = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" }));
  expect(add).toMatchObject({ name: "ConnectionError", phase: "connect", attempts: 1 });
  expect((add as Error).message).toMatch(/Nothing was sent\.$/);
  expect(attempts).toBe(2);
});

test("https:// to a port that speaks plain http fails a GET once and a POST as not sent: the handshake failed (ERR_SSL_WRONG_VERSION_NUMBER)", async () => {
  let plainConnections = 0;
  let plainRequests = 0;
  const plain = createPlainServer((_request, response) => {
    plainRequests++;
    response.end("{}");
  });
  plain.on("connection", () => plainConnections++);
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  try {
    const chat = createChatClient({
      baseUrl: `https://127.0.0.1:${(plain.address() as AddressInfo).port}`,
      sessionToken: "tls-test-token-0001",
      logger: false,
      retry: { initialDelayMs: 1, retryAmbiguous: true },
    });

    const read = await rejectionOf(chat.chatrooms.get(42));
    expect(read).toMatchObject({ name: "ConnectionError", phase: "connect", errorCode: "ERR_SSL_WRONG_VERSION_NUMBER", attempts: 1 });
    expect(plainConnections).toBe(1);

    const add = await rejectionOf(chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" }));
    expect(add).toMatchObject({ name: "ConnectionError", phase: "connect", attempts: 1 });
    expect((add as Error).message).toMatch(/Nothing was sent\.$/);
    expect(plainConnections).toBe(2);
    expect(plainRequests).toBe(0);
  } finally {
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  }
});
