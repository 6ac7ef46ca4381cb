import type { Client } from "openapi-fetch";
import type { ChatClient } from "./client.js";
import { CLIENT_CONNECTIONS } from "./core/client-connections.js";
import type { Connection } from "./core/connection.js";
import { buildRawClient } from "./core/raw-client.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";
import type { paths } from "./types.js";

/** openapi-fetch's own client, typed by the spec's `paths`: what `createRawClient` returns. */
export type RawClient = Client<paths>;

/**
 * Whether `value` is a connection of `createConnection` (or one that looks like it: the shape the core reads).
 * @param value anything a caller passed.
 */
function isConnection(value: object): value is Connection {
  const { config, wire } = value as Partial<Connection>;
  return typeof config?.baseUrl === "string" && typeof config.fetch === "function" && typeof wire?.url === "function";
}

/**
 * Creates openapi-fetch's own client (the `iwerp-chat-client/raw` entry), typed by the spec's `paths`, for what the
 * methods do not cover. It goes to the same tenant as `client` (a client of `createChatClient` or `login`, or a
 * connection of `createConnection`) with its credential (`x-session-token` or `x-iw-jwt-token`), headers and
 * `iw-build-id` / `iw-package-id` parameters, follows no redirects (a 3xx comes back as the response, so the
 * credential never reaches another host) and reads no more than `maxResponseBytes`; it has no timeouts, retries or
 * typed errors and returns `{ data, error, response }`. Each call builds a new client: keep the one you use (its
 * middleware, `use()`, is its own). It sends bodies as given, without the methods' input checks: an id in a body
 * goes out as written, so give integers there. A separate entry, so that an app that never uses it bundles none of it.
 *
 * @throws {InvalidInputError} when `client` is neither a client nor a connection of this package.
 * @example
 * import { createRawClient } from "iwerp-chat-client/raw";
 *
 * const raw = createRawClient(chat);
 * const { data, error, response } = await raw.GET("/api/chat/chatroom/{identifier}", { params: { path: { identifier: "42" } } });
 */
export function createRawClient(client: ChatClient | Connection): RawClient {
  const connection =
    typeof client === "object" && client !== null ? (CLIENT_CONNECTIONS.get(client) ?? (isConnection(client) ? client : undefined)) : undefined;
  if (connection === undefined) {
    const got = client === null ? "null" : typeof client;
    throw new InvalidInputError(
      "client",
      `pass a client of createChatClient() or login(), or a connection of createConnection() (got ${got === "object" ? "another object" : got}).`,
    );
  }
  return buildRawClient(connection);
}
