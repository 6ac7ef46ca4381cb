import type * as Http from "node:http";
import type { FakeTenant } from "./fake-tenant.js";
import { failure, toResponse } from "./replies.js";

/** Options of `serveFakeTenant`. */
export interface ServeFakeTenantOptions {
  /** The port to listen on; 0 takes a free one (see `url`). Default: 0. */
  port?: number | undefined;
  /** The address to listen on. Default: `"127.0.0.1"`, this machine only; `"0.0.0.0"` listens on every interface. */
  host?: string | undefined;
}

/** A fake tenant served over HTTP, from `serveFakeTenant`. */
export interface FakeTenantServer {
  /** Its base URL, e.g. `http://127.0.0.1:43817`: for `createChatClient({ baseUrl })`, a browser app, `curl`, the contract check. */
  readonly url: string;
  /** Stops it: closes every connection (idle keep-alive ones too), so no handle stays open; resolves once it no longer listens. */
  close(): Promise<void>;
}

/** The largest request body the server reads; a larger one is answered 413. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Request headers a browser app may send: those the client sends (the session token, the API key, the body's type). */
const ALLOWED_HEADERS = ["content-type", "x-session-token", "x-iw-jwt-token"];

/** Headers of one hop, which the server itself handles; the fake gets the others. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length"]);

/** Added to every answer, so a browser app served from another origin may call the fake and read its error headers. */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "X-IW-ERROR-CODE, X-IW-ERROR-JSON, Retry-After, Allow",
};

/**
 * Node.js's `node:http`, got at run time: an `import` of it would break the testing entry in a browser
 * bundle, which must load wherever `fetch` runs. `process.getBuiltinModule` (Node.js 20.16+) is meant for this.
 */
function nodeHttp(): typeof Http {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const http = typeof runtime?.getBuiltinModule === "function" ? runtime.getBuiltinModule("node:http") : undefined;
  if (http === undefined) {
    throw new Error("serveFakeTenant starts a node:http server, which needs Node.js 20.16 or newer (process.getBuiltinModule); elsewhere pass tenant.fetch to the client instead.");
  }
  return http as typeof Http;
}

function checkOptions(options: ServeFakeTenantOptions): { port: number; host: string } {
  if (options === null || typeof options !== "object") throw new TypeError("serveFakeTenant: options must be an object such as { port: 4010 }, or left out.");
  const { port = 0, host = "127.0.0.1" } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`serveFakeTenant: port must be a whole number from 0 to 65535 (got ${String(port)}); 0 takes a free one.`);
  if (typeof host !== "string" || host === "") throw new TypeError(`serveFakeTenant: host must be an address or host name such as "127.0.0.1" (got ${JSON.stringify(host)}).`);
  return { port, host };
}

/** The host of the URL to call a server listening on `host`: loopback for the any-address, brackets for IPv6. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** The request's body, or `"too large"` past `MAX_BODY_BYTES` (read to its end, kept no further); undefined for none. */
async function readBody(request: Http.IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined | "too large"> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    // Past the limit the rest is read and dropped: leaving the loop destroys the request, and answering while the
    // client still sends closes the connection under it, so the client saw a reset (ECONNRESET) instead of the 413.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return "too large";
  if (size === 0) return undefined;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Resolves when `response` can take more, or is closed; leaves no listener behind. */
function drained(response: Http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

/** Writes the fake's answer: its status, headers and the CORS headers, then its body as it comes. */
async function writeAnswer(answer: Response, response: Http.ServerResponse): Promise<void> {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (answer.statusText === "") response.writeHead(answer.status, headers);
  else response.writeHead(answer.status, answer.statusText, headers);
  if (answer.body === null) return void response.end();
  const reader = answer.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    if (response.destroyed) return void (await reader.cancel());
    if (!response.write(part.value)) await drained(response);
  }
  response.end();
}

/** Whether `error` is how the fake's `fetch` reports a broken connection (a `reset` fault): a TypeError whose cause has a code. */
function isBrokenConnection(error: unknown): boolean {
  return error instanceof TypeError && typeof (error.cause as { code?: unknown } | undefined)?.code === "string";
}

/** Answers one HTTP request through `tenant.fetch`, or a CORS preflight itself. */
async function handle(tenant: Pick<FakeTenant, "fetch">, base: string, request: Http.IncomingMessage, response: Http.ServerResponse): Promise<void> {
  const method = request.method ?? "GET";
  if (method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined) {
    const asked = (request.headers["access-control-request-headers"] ?? "").split(",").map((name) => name.trim().toLowerCase());
    response.writeHead(204, {
      ...CORS_HEADERS,
      "access-control-allow-methods": "GET, POST, PUT, DELETE",
      "access-control-allow-headers": [...new Set([...ALLOWED_HEADERS, ...asked.filter(Boolean)])].join(", "),
      "access-control-max-age": "600",
    });
    return void response.end();
  }
  // A client that goes away ends a fault's delay, as an aborted fetch would.
  const left = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) left.abort();
  });
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(request);
  if (body === "too large") {
    return writeAnswer(toResponse(failure(413, [`the fake tenant reads request bodies of up to ${MAX_BODY_BYTES} bytes`])), response);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (HOP_BY_HOP.has(name) || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  let answer: Response;
  try {
    answer = await tenant.fetch(new URL(request.url ?? "/", base), { method, headers, body, signal: left.signal });
  } catch (error) {
    if (left.signal.aborted) return;
    // A `reset` fault: the connection breaks here too, without an answer.
    if (isBrokenConnection(error)) return void request.socket.destroy();
    const message = error instanceof Error ? error.message : String(error);
    answer = toResponse(failure(500, [`the fake tenant could not answer: ${message}`]));
  }
  await writeAnswer(answer, response);
}

/**
 * Serves a fake tenant over HTTP (Node.js only), for what cannot take its `fetch`: an end-to-end test of a
 * web app in a browser, the contract check (`iwerp-contract --upstream <url>`), a service in another
 * language, `curl`. Every request goes to `tenant.fetch` (state, faults and the request log as without a
 * server; a `reset` fault breaks the connection), and every answer carries CORS headers (any origin; the
 * iwERP error headers and `Retry-After` readable); a CORS preflight is answered 204, allowing the headers the
 * client sends. It listens on 127.0.0.1 unless `host` says otherwise, on a free port unless `port` says.
 * `npx iwerp-fake-tenant` does the same from a shell.
 *
 * @param tenant a fake tenant (`createFakeTenant()`), or anything with its `fetch`.
 * @throws {TypeError} for bad options; the promise rejects when the port cannot be listened on (e.g. it is in use).
 * @example
 * const tenant = createFakeTenant();
 * const server = await serveFakeTenant(tenant);
 * const chat = createChatClient({ baseUrl: server.url, sessionToken: tenant.sessionToken });
 * // … a browser app, or `curl -H "x-session-token: fake-session-token" "$URL/api/chat/chatroom/42"` …
 * await server.close();
 */
export async function serveFakeTenant(tenant: Pick<FakeTenant, "fetch">, options: ServeFakeTenantOptions = {}): Promise<FakeTenantServer> {
  if (typeof tenant?.fetch !== "function") throw new TypeError("serveFakeTenant: tenant must be a fake tenant from createFakeTenant() (anything with its fetch).");
  const { port, host } = checkOptions(options);
  const http = nodeHttp();
  let base = "http://127.0.0.1";
  const server = http.createServer((request, response) => {
    handle(tenant, base, request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(new Error(`serveFakeTenant: cannot listen on ${host} port ${port}: ${error.message}`, { cause: error })));
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const url = `http://${urlHost(host)}:${typeof address === "object" && address !== null ? address.port : port}`;
  base = url;
  let closed: Promise<void> | undefined;
  return {
    url,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
