import { http, type HttpHandler } from "msw";
import type { FakeTenant } from "./fake-tenant.js";

/** Options of `fakeTenantHandlers`. */
export interface FakeTenantHandlersOptions {
  /**
   * The base URL the app and the client call, e.g. `https://acme.iw-erp.de` (the client's `baseUrl`). Every request
   * under it goes to the fake; a path after the origin (`https://example.test/iwerp`) is taken off before. Required.
   */
  baseUrl: string;
}

/** Characters MSW reads as parts of a path pattern (`:param`, `*`, groups) rather than as themselves. */
const PATTERN_CHARACTERS = /[:*?()+{}[\]\\]/;

/** A path with its percent-encoding decoded, or as it is when that is malformed (`%E0%A4%A`): then it holds no pattern character either. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The base URL as an origin and a path without a trailing slash, or a TypeError that says what is wrong. */
function parseBaseUrl(baseUrl: unknown): { origin: string; prefix: string } {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === "string" ? new URL(baseUrl) : undefined;
  } catch {
    // Reported below, with the shape expected.
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash || url.username || url.password) {
    throw new TypeError(`fakeTenantHandlers: baseUrl must be an http(s) URL without query, fragment or credentials, such as "https://acme.iw-erp.de" (got ${JSON.stringify(String(baseUrl))}).`);
  }
  const prefix = url.pathname.replace(/\/+$/, "");
  // MSW matches by a path pattern: a base path with pattern syntax would match other URLs than it says.
  if (PATTERN_CHARACTERS.test(decoded(prefix))) {
    throw new TypeError(`fakeTenantHandlers: baseUrl's path must not contain any of : * ? ( ) + { } [ ] \\ (got ${JSON.stringify(prefix)}).`);
  }
  // The colons of an IPv6 address would be read as parameters too: MSW would throw on the first request.
  if (url.hostname.startsWith("[")) {
    throw new TypeError(`fakeTenantHandlers: baseUrl's host must be a name or an IPv4 address, which MSW can match: not an IPv6 address (got ${JSON.stringify(url.host)}).`);
  }
  return { origin: url.origin, prefix };
}

/**
 * MSW request handlers (msw 2 or 3, an optional peer dependency) that send every request under `baseUrl` to the
 * fake tenant's `fetch`: state, faults and the request log are the same as when the client is given
 * `tenant.fetch`, so an app's own `fetch` calls and the client's see the same records. Requests outside
 * `baseUrl` are not handled here (MSW's `onUnhandledRequest` decides; msw 3 calls it `onUnhandledFrame`). A `reset`
 * fault becomes a network error.
 *
 * @throws {TypeError} when `baseUrl` is not an http(s) URL, or one MSW cannot match (pattern syntax in its path, an IPv6 host).
 * @example
 * import { setupServer } from "msw/node";
 * import { createFakeTenant } from "iwerp-chat-client/testing";
 * import { fakeTenantHandlers } from "iwerp-chat-client/testing/msw";
 *
 * const tenant = createFakeTenant();
 * const server = setupServer(...fakeTenantHandlers(tenant, { baseUrl: "https://acme.iw-erp.de" }));
 * server.listen({ onUnhandledRequest: "error" }); // msw 3: { onUnhandledFrame: "error" }
 */
export function fakeTenantHandlers(tenant: Pick<FakeTenant, "fetch">, options: FakeTenantHandlersOptions): HttpHandler[] {
  if (tenant === null || typeof tenant !== "object" || typeof tenant.fetch !== "function") {
    throw new TypeError("fakeTenantHandlers: tenant must be a fake tenant (createFakeTenant()) or anything with its fetch.");
  }
  const { origin, prefix } = parseBaseUrl((options as Partial<FakeTenantHandlersOptions> | undefined)?.baseUrl);
  return [
    http.all(`${origin}${prefix}/*`, async ({ request }) => {
      const url = new URL(request.url);
      // The fake routes by the spec's paths: what follows the base URL.
      url.pathname = url.pathname.slice(prefix.length);
      const method = request.method;
      const body = method === "GET" || method === "HEAD" ? undefined : await request.arrayBuffer();
      try {
        return await tenant.fetch(url, { method, headers: request.headers, body, signal: request.signal });
      } catch (error) {
        // A `reset` fault (or an aborted request): the app's fetch rejects, as it would on a broken connection.
        if (error instanceof TypeError || request.signal.aborted) return Response.error();
        throw error;
      }
    }),
  ];
}
