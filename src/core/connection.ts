import { createFinalURL, mergeHeaders, serializePrimitiveParam } from "openapi-fetch";
import { SECRET_FIELDS } from "../../generated/operations.js";
import type { ConnectionOptions } from "../client-options.js";
import { checkHeaders, checkOptionalId } from "./check-input.js";
import { checkQueryValue } from "./request-input.js";
import { Redactor } from "./redactor.js";
import { API_KEY_HEADER, resolveClientOptions, type ClientConfig, type Credential } from "./resolve-options.js";

/**
 * How the core's calls are written, with openapi-fetch's exported functions, for `fetch(url, init)`: the URL and
 * headers bare openapi-fetch's `client.GET(…)` would send for the same input (tests compare them for every
 * operation and for awkward queries).
 */
export interface Wire {
  /** The URL of a call: the base URL, the path (filled in) and the query with the ids; throws `InvalidInputError` for a query value it cannot write. */
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
  /** Redacts the credential (session token or API key), an `Authorization` header in `headers` and every field the spec marks secret. */
  readonly redactor: Redactor;
}

/**
 * The query string of `values`, each checked as it is written (`checkQueryValue`: strings, finite numbers, booleans
 * and lists of them; an undefined one is left out), each `name=value` pair written by openapi-fetch's own
 * `serializePrimitiveParam`, as its default query serializer writes them (a list in the `form` style, exploded: a
 * pair per item). Not `createQuerySerializer` itself: its array and object styles, which no checked query needs,
 * would be bundled by every app; the raw client, which takes any query, uses it.
 */
function serializeQuery(values: Record<string, unknown>): string {
  const search: string[] = [];
  // Own properties only: a parameter called `__proto__` stays a parameter, and nothing inherited is sent.
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    checkQueryValue(name, value);
    for (const item of Array.isArray(value) ? value : [value]) search.push(serializePrimitiveParam(name, item as string));
  }
  return search.join("&");
}

/**
 * The path serializer `createFinalURL` is given: `request` has filled in and encoded the path already
 * (`fillPath`), and no `params.path` is passed, so openapi-fetch never calls it. Not `defaultPathSerializer`,
 * which an app that never uses the raw client (`createRawClient`) would bundle for nothing.
 */
const FILLED_PATH = (pathname: string): string => pathname;

/**
 * Checks the options and builds what every call of one client shares: its checked options (`resolveClientOptions`),
 * how calls are written with the credential (when there is one) and the extra headers on every request, and the
 * `iw-build-id` / `iw-package-id` query parameters, and the redactor of the credential, an `Authorization` header and
 * the spec's secret fields. Throws `InvalidInputError`. The caller has checked that `options`
 * is an object and the credential. (`execute` follows no redirects and reads no body past `maxResponseBytes`; the raw
 * client, built from this by `core/raw-client.ts`, does the same.)
 */
export function connect(options: ConnectionOptions, credential?: Credential): Connection {
  const config = resolveClientOptions(options, credential?.[0] === API_KEY_HEADER);
  const ids: Record<string, string> = {};
  const buildId = checkOptionalId("buildId", options.buildId);
  const packageId = checkOptionalId("packageId", options.packageId);
  if (buildId !== undefined) ids["iw-build-id"] = buildId;
  if (packageId !== undefined) ids["iw-package-id"] = packageId;
  // The ids go on every call, first, through the client's methods and the raw client alike.
  const query = (values: Record<string, unknown>) => serializeQuery({ ...ids, ...values });
  // The credential (a session token or an API key) in its header.
  const headers = { ...checkHeaders(options.headers), ...(credential && { [credential[0]]: credential[1] }) };
  // Merged once, as openapi-fetch merges them for every request (names in lower case, the last of a name wins).
  const plain = Object.fromEntries(mergeHeaders(headers));
  const json = Object.fromEntries(mergeHeaders({ "Content-Type": "application/json" }, headers));
  return {
    config,
    // The core calls `fetch(url, init)` itself, so that the runtime's fetch builds the one `Request` of an
    // attempt; openapi-fetch's client would build one and hand it to `fetch`, which builds another from it.
    wire: {
      url: (path, values) =>
        createFinalURL(path, { baseUrl: config.baseUrl, params: { query: values }, querySerializer: query, pathSerializer: FILLED_PATH }),
      headers: (withBody) => (withBody ? json : plain),
      ids,
    },
    // An `Authorization` header the app passes (a gateway's credential) is a secret too: whole, and its credential
    // after the scheme (`Bearer …`), which a server may echo alone.
    redactor: new Redactor([credential?.[1], plain.authorization, plain.authorization?.split(" ").pop()], SECRET_FIELDS),
  };
}
