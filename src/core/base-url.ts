import { InvalidInputError } from "../errors/InvalidInputError.js";

/** A host name (labels of letters, digits and hyphens), an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * True for `localhost`, 127.0.0.0/8 and `::1`: traffic that never leaves the machine. Not `*.localhost`:
 * many systems resolve such names by DNS, so they may lead anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return name === "localhost" || /^127(?:\.\d{1,3}){3}$/.test(name) || name === "::1";
}

/**
 * Turns `host` or `baseUrl` into the base URL of every call (no trailing slash), or throws an
 * `InvalidInputError` that says what to change.
 */
export function resolveBaseUrl(options: { host?: unknown; baseUrl?: unknown; allowInsecureHttp?: unknown }): string {
  const { host, baseUrl } = options;
  if (host !== undefined && baseUrl !== undefined) {
    throw new InvalidInputError("host", "give either `host` (e.g. `acme.iw-erp.de`) or `baseUrl`, not both.");
  }
  if (host !== undefined) return `https://${checkHost(host)}`;
  if (baseUrl !== undefined) return checkBaseUrl(baseUrl, options.allowInsecureHttp === true);
  throw new InvalidInputError("host", "missing. Pass your tenant's host name, e.g. `{ host: \"acme.iw-erp.de\" }`.");
}

function checkHost(host: unknown): string {
  if (typeof host !== "string" || host.trim() === "") {
    throw new InvalidInputError("host", "must be a non-empty host name such as `acme.iw-erp.de`.");
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    throw new InvalidInputError("host", "must not contain a scheme: write `acme.iw-erp.de`, or pass the full URL as `baseUrl`.");
  }
  if (host.includes("/")) {
    throw new InvalidInputError("host", "must not contain a path: write only the host name, e.g. `acme.iw-erp.de`, or pass a full URL as `baseUrl`.");
  }
  if (!HOST.test(host) || !parsesAsHost(host)) {
    throw new InvalidInputError(
      "host",
      "is not a valid host name: use letters, digits, hyphens and dots only (an optional `:port` from 1 to 65535 may follow), e.g. `acme.iw-erp.de`, with no spaces.",
    );
  }
  return host.toLowerCase();
}

/** The pattern lets through what only the URL parser rejects: a port over 65535, port 0, a malformed IPv6. */
function parsesAsHost(host: string): boolean {
  try {
    const url = new URL(`https://${host}`);
    return url.port !== "0";
  } catch {
    return false;
  }
}

function checkBaseUrl(baseUrl: unknown, allowInsecureHttp: boolean): string {
  if (typeof baseUrl !== "string" || baseUrl.trim() === "") {
    throw new InvalidInputError("baseUrl", "must be a URL such as `https://acme.iw-erp.de`.");
  }
  if (/[\s\u0000-\u001f\u007f]/.test(baseUrl)) {
    throw new InvalidInputError("baseUrl", "must not contain spaces or control characters.");
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidInputError("baseUrl", "is not an absolute URL: write it as `https://acme.iw-erp.de`.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidInputError("baseUrl", `must use https:// (got ${url.protocol}//).`);
  }
  if (url.port === "0") {
    throw new InvalidInputError("baseUrl", "has port 0, which nothing can listen on; give the server's real port.");
  }
  if (url.username || url.password) {
    throw new InvalidInputError("baseUrl", "must not contain credentials; pass the session token as `sessionToken`.");
  }
  if (url.search || url.hash || baseUrl.includes("?") || baseUrl.includes("#")) {
    throw new InvalidInputError("baseUrl", "must not contain a query or fragment; pass ids as `buildId` / `packageId`.");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new InvalidInputError(
      "baseUrl",
      "uses plain http:// to a host that is not loopback, so the session token would travel unencrypted. Use https://, or set `allowInsecureHttp: true` if you must.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
