import createClient, { createFinalURL, createQuerySerializer, defaultPathSerializer, mergeHeaders, type Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi.js";
import { SECRET_FIELDS } from "../../generated/operations.js";
import { limitBody } from "./limit-body.js";
import { Redactor } from "./redactor.js";
import type { ClientConfig } from "./resolve-options.js";

/**
 * How the core's calls are written, with openapi-fetch's exported functions (the URL and headers its
 * `client.GET(…)` would send; a test compares them for every operation), for `fetch(url, init)`.
 */
export interface Wire {
  /** The URL of a call: the base URL, the path (filled in) and the query with the ids. */
  url(path: string, query: Record<string, unknown>): string;
  /** The headers of a call, with `Content-Type: application/json` when it sends a body; shared, not to be changed. */
  headers(json: boolean): Record<string, string>;
}

/** What every call of one client shares: its checked options, how calls are written, `raw` and the redactor. */
export interface Connection {
  readonly config: ClientConfig;
  /** How the core's calls are written (path and method come from the operation table). */
  readonly wire: Wire;
  /** openapi-fetch's client, typed by the spec's `paths`, for callers who want openapi-fetch itself. */
  readonly raw: Client<paths>;
  /** Redacts the credential (session token or API key) and every field the spec marks secret. */
  readonly redactor: Redactor;
}

/**
 * Builds how calls are written, and `raw`, for checked options: the session token (when there is one) and
 * the extra headers on every request, the `iw-build-id` / `iw-package-id` query parameters, no redirects
 * (see `execute` for the core's calls), and no body read past `maxResponseBytes`.
 */
export function connect(config: ClientConfig): Connection {
  const ids: Record<string, string> = {};
  if (config.buildId !== undefined) ids["iw-build-id"] = config.buildId;
  if (config.packageId !== undefined) ids["iw-package-id"] = config.packageId;
  const serializeQuery = createQuerySerializer();
  const { credential } = config;
  // The credential (a session token or an API key) in its header.
  const headers = credential === undefined ? { ...config.headers } : { ...config.headers, [credential[0]]: credential[1] };
  const options = {
    baseUrl: config.baseUrl,
    headers,
    // A redirect followed to another host would carry the session token there.
    redirect: "manual" as const,
    // The ids go on every call, through the client's methods and `raw` alike.
    querySerializer: Object.keys(ids).length === 0 ? serializeQuery : (query: Record<string, unknown>) => serializeQuery({ ...ids, ...query }),
  };
  // Merged once, as openapi-fetch merges them for every request (names in lower case, the last of a name wins).
  const plain = Object.fromEntries(mergeHeaders(headers));
  const json = Object.fromEntries(mergeHeaders({ "Content-Type": "application/json" }, headers));
  return {
    config,
    // The core calls `fetch(url, init)` itself, so that the runtime's fetch builds the one `Request` of an
    // attempt; openapi-fetch's client would build one and hand it to `fetch`, which builds another from it.
    wire: {
      url: (path, query) =>
        createFinalURL(path, { baseUrl: config.baseUrl, params: { query }, querySerializer: options.querySerializer, pathSerializer: defaultPathSerializer }),
      headers: (withBody) => (withBody ? json : plain),
    },
    // `raw` reads no more than `maxResponseBytes` either (a small compressed body may inflate to gigabytes).
    raw: createClient<paths>({ ...options, fetch: async (request: Request) => limitBody(await config.fetch(request), config.maxResponseBytes) }),
    redactor: new Redactor([credential?.[1]], SECRET_FIELDS),
  };
}
