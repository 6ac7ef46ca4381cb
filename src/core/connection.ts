import { SECRET_FIELDS } from "../../generated/operations.js";
import { Redactor } from "./redactor.js";
import type { ClientConfig } from "./resolve-options.js";

/**
 * How the core's calls are written, for `fetch(url, init)`: the URL and headers bare openapi-fetch's
 * `client.GET(…)` would send for the same input (a test compares them for every operation).
 */
export interface Wire {
  /** The URL of a call: the base URL, the path (filled in) and the query (checked by `checkQuery`) with the ids. */
  url(path: string, query: Record<string, unknown>): string;
  /** The headers of a call, with `Content-Type: application/json` when it sends a body; shared, not to be changed. */
  headers(json: boolean): Record<string, string>;
  /** The `iw-build-id` / `iw-package-id` query parameters every call carries (the raw client's too); shared, not to be changed. */
  readonly ids: Readonly<Record<string, string>>;
}

/** What every call of one client shares: its checked options, how calls are written and the redactor. */
export interface Connection {
  readonly config: ClientConfig;
  /** How the core's calls are written (path and method come from the operation table). */
  readonly wire: Wire;
  /** Redacts the credential (session token or API key) and every field the spec marks secret. */
  readonly redactor: Redactor;
}

/**
 * A query string as openapi-fetch's default serializer writes the values `checkQuery` lets through (strings,
 * finite numbers, booleans and arrays of them): `name=value` pairs joined by `&`, the value percent-encoded and
 * the name as given, an array as one pair per item. Its own serializer (and its `deepObject` and other styles,
 * which no checked query needs) is bundled only by the raw client.
 */
function serializeQuery(values: Record<string, unknown>): string {
  // One string built up, not an array of pairs: this runs for every call.
  let search = "";
  for (const name in values) {
    const value = values[name];
    if (Array.isArray(value)) for (const item of value) search += `&${name}=${encodeURIComponent(item)}`;
    else if (value != null) search += `&${name}=${encodeURIComponent(value as string)}`;
  }
  return search.slice(1);
}

/** Headers merged as openapi-fetch merges them for every request: names in lower case, the last of a name wins. */
function mergeHeaders(headers: Record<string, string>): Record<string, string> {
  const merged = new Headers();
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return Object.fromEntries(merged);
}

/**
 * Builds how calls are written for checked options: the credential (when there is one) and the extra headers on
 * every request, and the `iw-build-id` / `iw-package-id` query parameters. (`execute` follows no redirects and
 * reads no body past `maxResponseBytes`; the raw client, built from this by `core/raw-client.ts`, does the same.)
 */
export function connect(config: ClientConfig): Connection {
  const ids: Record<string, string> = {};
  if (config.buildId !== undefined) ids["iw-build-id"] = config.buildId;
  if (config.packageId !== undefined) ids["iw-package-id"] = config.packageId;
  const noIds = Object.keys(ids).length === 0;
  const { credential } = config;
  // The credential (a session token or an API key) in its header.
  const headers = credential === undefined ? { ...config.headers } : { ...config.headers, [credential[0]]: credential[1] };
  // Merged once, not for every request.
  const plain = mergeHeaders(headers);
  const json = mergeHeaders({ "Content-Type": "application/json", ...headers });
  return {
    config,
    // The core calls `fetch(url, init)` itself, so that the runtime's fetch builds the one `Request` of an
    // attempt; openapi-fetch's client would build one and hand it to `fetch`, which builds another from it.
    wire: {
      url: (path, values) => {
        // The ids go first, as the raw client writes them; openapi-fetch drops a leading `?` of the query.
        let search = serializeQuery(noIds ? values : { ...ids, ...values });
        if (search[0] === "?") search = search.slice(1);
        return `${config.baseUrl}${path}${search && `?${search}`}`;
      },
      headers: (withBody) => (withBody ? json : plain),
      ids,
    },
    redactor: new Redactor([credential?.[1]], SECRET_FIELDS),
  };
}
