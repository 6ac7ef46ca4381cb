import { InvalidInputError } from "../errors/InvalidInputError.js";
import { mustBe } from "./check-input.js";

/** A host name (labels of letters, digits and hyphens), an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * True for `localhost`, 127.0.0.0/8 and `[::1]` (a URL's `hostname`): traffic that never leaves the machine.
 * Not `*.localhost`: many systems resolve such names by DNS, so they may lead anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(hostname);
}

/**
 * Turns `host` or `baseUrl` into the base URL of every call (no trailing slash), or throws an
 * `InvalidInputError` that says what to change.
 */
export function resolveBaseUrl(options: { host?: unknown; baseUrl?: unknown; allowInsecureHttp?: unknown }): string {
  const { host, baseUrl } = options;
  if (baseUrl === undefined) {
    if (host === undefined) throw new InvalidInputError("host", "missing: pass your tenant's host name, e.g. `{ host: \"acme.iw-erp.de\" }`.");
    return `https://${checkHost(host)}`;
  }
  if (host !== undefined) throw new InvalidInputError("host", "give either `host` or `baseUrl`, not both.");
  return checkBaseUrl(baseUrl, options.allowInsecureHttp === true);
}

function checkHost(host: unknown): string {
  if (typeof host === "string" && HOST.test(host) && parsesAsHost(host)) return host.toLowerCase();
  // HOST admits no `/`: a scheme or a path, which belong in `baseUrl`.
  throw new InvalidInputError(
    "host",
    typeof host === "string" && host.includes("/")
      ? "must be a host name alone, such as `acme.iw-erp.de`; pass a full URL as `baseUrl`."
      : "is not a host name such as `acme.iw-erp.de` (with an optional `:port` from 1 to 65535).",
  );
}

/** The pattern lets through what only the URL parser rejects: a port over 65535, port 0, a malformed IPv6. */
function parsesAsHost(host: string): boolean {
  try {
    return new URL(`https://${host}`).port !== "0";
  } catch {
    return false;
  }
}

function checkBaseUrl(baseUrl: unknown, allowInsecureHttp: boolean): string {
  // Not a string: "" fails to parse as well.
  const text = typeof baseUrl === "string" ? baseUrl : "";
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw new InvalidInputError("baseUrl", "must not contain spaces or control characters.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw mustBe("baseUrl", "an absolute URL such as `https://acme.iw-erp.de`");
  }
  const protocol = url.protocol;
  if (protocol !== "https:" && protocol !== "http:") throw new InvalidInputError("baseUrl", `must use https:// (got ${protocol}//).`);
  if (url.port === "0") throw new InvalidInputError("baseUrl", "has port 0; give the server's real port.");
  if (url.username || url.password) {
    throw new InvalidInputError("baseUrl", "must not contain credentials; pass the token as `sessionToken`.");
  }
  // The parser makes a query only of a `?` and a fragment only of a `#`; an empty one leaves no trace in `url`.
  if (/[?#]/.test(text)) {
    throw new InvalidInputError("baseUrl", "must not contain a query or fragment.");
  }
  if (protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new InvalidInputError(
      "baseUrl",
      "would send the token unencrypted (http:// to a host that is not loopback); use https://, or set `allowInsecureHttp: true`.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
