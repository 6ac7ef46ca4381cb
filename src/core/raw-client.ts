import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi.js";
import type { Connection } from "./connection.js";
import { limitBody } from "./limit-body.js";

/**
 * Builds openapi-fetch's own client over a connection (`createRawClient` of the `iwerp-chat-client/raw` entry): the
 * same base URL, credential, headers and `iw-build-id` / `iw-package-id` parameters as the core's calls, no
 * redirects, and no body read past `maxResponseBytes`. Only that entry imports it, so an app that never uses it
 * does not bundle openapi-fetch's client.
 */
export function buildRawClient(connection: Connection): Client<paths> {
  const { config, wire } = connection;
  const serializeQuery = createQuerySerializer();
  return createClient<paths>({
    baseUrl: config.baseUrl,
    headers: wire.headers(false),
    // A redirect followed to another host would carry the credential there.
    redirect: "manual",
    // The ids go on every call, through the client's methods and the raw client alike.
    querySerializer: (values) => serializeQuery({ ...wire.ids, ...values }),
    // The raw client reads no more than `maxResponseBytes` either (a small compressed body may inflate to gigabytes).
    fetch: async (request: Request) => limitBody(await config.fetch(request), config.maxResponseBytes),
  });
}
