import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi.js";
import type { Connection } from "./connection.js";
import { limitBody } from "./limit-body.js";

/**
 * Builds `chat.raw`, openapi-fetch's own client over a connection: the same base URL, credential, headers and
 * `iw-build-id` / `iw-package-id` parameters as the core's calls, no redirects, and no body read past
 * `maxResponseBytes`. Only `createChatClient` imports it (and builds it on first use), so an app that uses
 * `createConnection` and a few resources does not bundle openapi-fetch's client.
 */
export function createRawClient(connection: Connection): Client<paths> {
  const { config, wire } = connection;
  return createClient<paths>({
    baseUrl: config.baseUrl,
    headers: wire.headers(false),
    // A redirect followed to another host would carry the credential there.
    redirect: "manual",
    // The ids go on every call, through the client's methods and `raw` alike.
    querySerializer: wire.query,
    // `raw` reads no more than `maxResponseBytes` either (a small compressed body may inflate to gigabytes).
    fetch: async (request: Request) => limitBody(await config.fetch(request), config.maxResponseBytes),
  });
}
