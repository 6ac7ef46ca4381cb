import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { AbortError, ConnectionError, createChatClient, NotFoundError } from "../../src/index.js";
import { createFakeTenant, FAKE_SESSION_TOKEN, serveFakeTenant, type FakeTenantServer } from "../../src/testing/index.js";

// esbuild's service is a child process: stopped after this file, not left for the worker's exit to orphan.
afterAll(() => esbuild.stop());

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A program that serves a fake tenant to two clients: one whose keep-alive connection is idle (and holds the
 * process, as a socket in use does), one waiting on a 60 s delay fault. It closes the server, waits until
 * both connections are closed and, once its event loop is empty, prints what each saw. It calls no
 * process.exit and closes no client: it ends only if close() left nothing open.
 */
const SERVE_AND_CLOSE = `
import { Agent, request } from "node:http";
import { createFakeTenant, serveFakeTenant } from "./src/testing/index.ts";

const tenant = createFakeTenant();
const server = await serveFakeTenant(tenant);
const headers = { "x-session-token": "fake-session-token" };
const idle = await new Promise((resolve) => {
  request(server.url + "/api/chat/chatroom/42", { agent: new Agent({ keepAlive: true }), headers }, (response) => {
    const { socket } = response;
    response.resume();
    response.on("end", () => resolve({ status: response.statusCode, socket }));
  }).end();
});
// An idle keep-alive socket is unref'd by its agent; this one holds the process as a socket in use does.
idle.socket.ref();
const idleClosed = new Promise((resolve) => idle.socket.once("close", resolve));
tenant.fail("get_chatroom_message_cget", { delayMs: 60_000 });
const waiting = new Promise((resolve) => {
  request(server.url + "/api/chat/chatroom_message", { headers }, () => resolve("answered")).on("error", (error) => resolve(error.code)).end();
});
while (tenant.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
await server.close();
const [, waited] = await Promise.all([idleClosed, waiting]);
// Emitted only when the event loop has nothing left to do (never after process.exit).
process.once("beforeExit", () => console.log(JSON.stringify({ idle: idle.status, waiting: waited, endedByItself: true })));
`;

const servers: FakeTenantServer[] = [];
const agents: Agent[] = [];

/** Serves `tenant`, closed after the test. */
async function serve(tenant: ReturnType<typeof createFakeTenant>, options?: Parameters<typeof serveFakeTenant>[1]): Promise<FakeTenantServer> {
  const server = await serveFakeTenant(tenant, options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A raw HTTP request with node:http (for what fetch hides: preflights, keep-alive sockets); resolves with the answer, its body and the socket it came on. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; agent?: Agent; body?: string } = {},
): Promise<{ response: IncomingMessage; body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? "GET", headers: options.headers, agent: options.agent }, (response) => {
      let body = "";
      const { socket } = response;
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ response, body, socket }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Whether a TCP connection to `url`'s port is refused: resolves with the error code of the attempt, or "connected". */
function connectOutcome(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe("serveFakeTenant", () => {
  test("serves the client over real HTTP on 127.0.0.1: a participant added shows in the list and reads back", async () => {
    const tenant = createFakeTenant();
    const server = await serve(tenant);
    const chat = createChatClient({ baseUrl: server.url, sessionToken: tenant.sessionToken, retry: false, logger: false });

    const added = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Grace" });
    const listed = await chat.chatroomParticipants.list({ chatroom: "42" });
    const read = await chat.chatrooms.get(42);

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(added).toMatchObject({ id: 43, first_name: "Grace", created: "2025-05-04T10:00:00Z" });
    expect(listed.map((p) => p.first_name)).toEqual(["Ada", "Grace"]);
    expect(read.participants?.map((p) => p.id)).toEqual([42, 43]);
    expect(tenant.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.sessionToken}`)).toEqual([
      `POST /api/chat/chatroom_participant 200 ${FAKE_SESSION_TOKEN}`,
      `GET /api/chat/chatroom_participant 200 ${FAKE_SESSION_TOKEN}`,
      `GET /api/chat/chatroom/42 200 ${FAKE_SESSION_TOKEN}`,
    ]);
  });

  test("errors, faults and soft errors come over HTTP as from tenant.fetch: iwERP headers, Retry-After, a broken connection", async () => {
    const tenant = createFakeTenant({ softErrors: true });
    const server = await serve(tenant);
    const chat = createChatClient({ baseUrl: server.url, sessionToken: tenant.sessionToken, retry: false, logger: false });
    tenant.fail("get_chatroom_get", { status: 404, soft: false });
    tenant.fail("get_chatroom_message_cget", { status: 503, retryAfter: 2 });
    tenant.fail("post_chatroom_participant_post", { reset: true });

    const notFound = await chat.chatrooms.get(42).catch((error: unknown) => error);
    const unavailable = await fetch(`${server.url}/api/chat/chatroom_message`, { headers: { "x-session-token": FAKE_SESSION_TOKEN } });
    const broken = await chat.chatroomParticipants.add({ chatroom: { id: 42 } }).catch((error: unknown) => error);

    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ status: 404, code: "404" });
    expect([unavailable.status, unavailable.headers.get("x-iw-error-code"), unavailable.headers.get("retry-after")]).toEqual([400, "503", "2"]);
    expect(JSON.parse(unavailable.headers.get("x-iw-error-json") ?? "null")).toEqual(["Fault injected by the fake tenant (503)"]);
    expect(broken).toBeInstanceOf(ConnectionError);
    expect(tenant.state.participants).toHaveLength(1);
  });

  test("answers a CORS preflight with 204, allowing any origin, the methods and the headers the client sends", async () => {
    const server = await serve(createFakeTenant());

    const { response, body } = await send(`${server.url}/api/chat/chatroom_participant`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-session-token,x-app-trace" },
    });

    expect([response.statusCode, body]).toEqual([204, ""]);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(response.headers["access-control-allow-methods"]).toBe("GET, POST, PUT, DELETE");
    expect(response.headers["access-control-allow-headers"]?.split(", ")).toEqual(["content-type", "x-session-token", "x-iw-jwt-token", "x-app-trace"]);
  });

  test("every answer lets a page from another origin read it and the iwERP error headers; an OPTIONS without preflight goes to the fake", async () => {
    const server = await serve(createFakeTenant());

    const ok = await send(`${server.url}/api/chat/chatroom/42`, { headers: { origin: "http://localhost:5173", "x-session-token": FAKE_SESSION_TOKEN } });
    const refused = await send(`${server.url}/api/chat/chatroom/42`, { headers: { origin: "http://localhost:5173" } });
    const options = await send(`${server.url}/api/chat/chatroom/42`, { method: "OPTIONS" });

    for (const { response } of [ok, refused, options]) {
      expect(response.headers["access-control-allow-origin"]).toBe("*");
      expect(response.headers["access-control-expose-headers"]).toBe("X-IW-ERROR-CODE, X-IW-ERROR-JSON, Retry-After, Allow");
    }
    expect([ok.response.statusCode, JSON.parse(ok.body).name]).toEqual([200, "Support"]);
    expect([refused.response.statusCode, refused.response.headers["x-iw-error-code"]]).toEqual([401, "401"]);
    expect([options.response.statusCode, options.response.headers.allow]).toEqual([405, "GET, PUT"]);
  });

  test("close() closes idle keep-alive connections too, and the port then refuses connections", async () => {
    const server = await serveFakeTenant(createFakeTenant());
    const agent = new Agent({ keepAlive: true });
    agents.push(agent);
    const { socket } = await send(`${server.url}/api/chat/chatroom/42`, { agent, headers: { "x-session-token": FAKE_SESSION_TOKEN } });
    const socketClosed = new Promise((resolve) => socket.once("close", resolve));
    // Idle, kept open by the agent for the next request.
    await until(() => Object.values(agent.freeSockets).flat().includes(socket));

    await server.close();
    // The agent does not close it: the server did.
    await socketClosed;

    expect(await connectOutcome(server.url)).toBe("ECONNREFUSED");
    await expect(server.close()).resolves.toBeUndefined();
  });

  test("a process that served a keep-alive client and one waiting on a delay ends by itself after close(): no handle stays open", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "iwerp-serve-"));
    try {
      const script = path.join(dir, "serve-and-close.mjs");
      await esbuild.build({
        stdin: { contents: SERVE_AND_CLOSE, resolveDir: ROOT, sourcefile: "serve-and-close.ts", loader: "ts" },
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: script,
        logLevel: "silent",
      });

      // It does not call process.exit, nor destroy its agent: it ends only when nothing is left open.
      const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 60_000 });

      expect(JSON.parse(stdout)).toEqual({ idle: 200, waiting: "ECONNRESET", endedByItself: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  test("a client that aborts during a delay fault ends the fake's wait: the request is logged without an answer", async () => {
    const tenant = createFakeTenant();
    const server = await serve(tenant);
    const chat = createChatClient({ baseUrl: server.url, sessionToken: tenant.sessionToken, retry: false, logger: false });
    tenant.fail("get_chatroom_get", { delayMs: 60_000 });
    const controller = new AbortController();
    const waiting = chat.chatrooms.get(42, { signal: controller.signal }).catch((error: unknown) => error);
    await until(() => tenant.requests.length === 1);

    controller.abort();

    expect(await waiting).toBeInstanceOf(AbortError);
    expect(tenant.requests.map((r) => r.status)).toEqual([null]);
    expect((await chat.chatrooms.get(42)).id).toBe(42);
  });

  test("a request body over 10 MiB is answered 413 and not passed to the fake", async () => {
    const tenant = createFakeTenant();
    const server = await serve(tenant);

    const { response } = await send(`${server.url}/api/chat/chatroom/42`, {
      method: "PUT",
      headers: { "x-session-token": FAKE_SESSION_TOKEN, "content-type": "application/json" },
      body: `{"data":{"name":"${"x".repeat(10 * 1024 * 1024)}"}}`,
    });

    expect([response.statusCode, response.headers["x-iw-error-code"]]).toEqual([413, "413"]);
    expect(tenant.requests).toEqual([]);
  });

  test("a body far over 10 MiB is read to its end and answered 413: the connection is not closed under a client still sending", async () => {
    const tenant = createFakeTenant();
    const server = await serve(tenant);
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<string>((resolve) => {
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      socket.once("close", () => resolve("closed"));
    });
    const write = (data: string) => new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
    const total = 20 * 1024 * 1024;
    await once(socket, "connect");

    try {
      await write(`PUT /api/chat/chatroom/42 HTTP/1.1\r\nhost: ${hostname}\r\nx-session-token: ${FAKE_SESSION_TOKEN}\r\ncontent-type: application/json\r\ncontent-length: ${total}\r\n\r\n`);
      // Past the limit at once, then the rest as a slow client sends it: piece by piece, each once the last is written.
      await write("x".repeat(11 * 1024 * 1024));
      for (let sent = 11 * 1024 * 1024; sent < total; sent += 64 * 1024) await write("x".repeat(64 * 1024));
      socket.end();
    } catch {
      // The outcome says what happened (a reset, before the fix).
    }

    expect(await ended).toBe("closed");
    expect(Buffer.concat(received).toString("latin1")).toMatch(/^HTTP\/1\.1 413 /);
    expect(tenant.requests).toEqual([]);
  });

  test("listens on the port asked for, and says which port when it cannot listen there", async () => {
    const first = await serveFakeTenant(createFakeTenant());
    const port = Number(new URL(first.url).port);
    await expect(serveFakeTenant(createFakeTenant(), { port })).rejects.toThrow(`serveFakeTenant: cannot listen on 127.0.0.1 port ${port}: listen EADDRINUSE`);
    await first.close();

    const server = await serve(createFakeTenant(), { port, host: "127.0.0.1" });
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
  });

  test("host 0.0.0.0 listens on every interface; its URL calls it through the loopback", async () => {
    const server = await serve(createFakeTenant(), { host: "0.0.0.0" });

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/api/chat/chatroom/42`, { headers: { "x-session-token": FAKE_SESSION_TOKEN } })).status).toBe(200);
  });

  test.each([
    [{ port: -1 }, "serveFakeTenant: port must be a whole number from 0 to 65535 (got -1); 0 takes a free one."],
    [{ port: 4010.5 }, "serveFakeTenant: port must be a whole number from 0 to 65535 (got 4010.5); 0 takes a free one."],
    [{ host: "" }, 'serveFakeTenant: host must be an address or host name such as "127.0.0.1" (got "").'],
  ])("refuses bad options with a TypeError: %o", async (options, message) => {
    await expect(serveFakeTenant(createFakeTenant(), options)).rejects.toThrow(new TypeError(message));
  });

  test("refuses something that is no fake tenant with a TypeError", async () => {
    await expect(serveFakeTenant({} as never)).rejects.toThrow(new TypeError("serveFakeTenant: tenant must be a fake tenant from createFakeTenant() (anything with its fetch)."));
  });
});

/** Resolves once `condition` holds, checking after each turn of the event loop (no fixed sleep). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
