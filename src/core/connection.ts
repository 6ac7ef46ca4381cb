import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi.js";
import { SECRET_FIELDS } from "../../generated/operations.js";
import { limitBody } from "./limit-body.js";
import { Redactor } from "./redactor.js";
import { RequestParts } from "./request-parts.js";
import type { ClientConfig } from "./resolve-options.js";

/** The shape every operation has, as far as the core's calls need it. */
interface AnyOperation {
  parameters: { query?: Record<string, unknown>; path?: Record<string, string> };
  requestBody?: { content: { "application/json": unknown } };
  responses: { 200: { content: { "application/json": unknown } } };
}

/** Any path and method, for the core's calls, which take both from the operation table at run time. */
type AnyPaths = Record<string, Record<"get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace", AnyOperation>>;

/** What every call of one client shares: its checked options, its openapi-fetch clients and its redactor. */
export interface Connection {
  readonly config: ClientConfig;
  /** The openapi-fetch client the core calls through (path and method from the operation table). */
  readonly wire: Client<AnyPaths>;
  /** The same, typed by the spec's `paths`, for callers who want openapi-fetch itself. */
  readonly raw: Client<paths>;
  /** Redacts the credential (session token or API key) and every field the spec marks secret. */
  readonly redactor: Redactor;
}

/**
 * Builds the openapi-fetch clients for checked options: the session token (when there is one) and the extra
 * headers on every request, the `iw-build-id` / `iw-package-id` query parameters, no redirects, and no body
 * read past `maxResponseBytes`.
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
  return {
    config,
    // Each attempt of the core's calls brings its own `fetch` (with the attempt's limits), which gets a URL and an
    // init: each call builds one `Request`, not two (see RequestParts).
    wire: createClient<AnyPaths>({ ...options, Request: RequestParts as unknown as typeof Request }),
    // `raw` reads no more than `maxResponseBytes` either (a small compressed body may inflate to gigabytes).
    raw: createClient<paths>({ ...options, fetch: async (request: Request) => limitBody(await config.fetch(request), config.maxResponseBytes) }),
    redactor: new Redactor([credential?.[1]], SECRET_FIELDS),
  };
}
