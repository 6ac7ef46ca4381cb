import { InvalidInputError } from "../errors/InvalidInputError.js";
import { mustBe } from "./check-input.js";

/** The URL `text` parses as, or `undefined`. */
function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Turns `host` or `baseUrl` into the base URL of every call (no trailing slash), or throws an
 * `InvalidInputError` that says what to change. The URL parser checks the host name, IP address and port.
 */
export function resolveBaseUrl(options: { host?: unknown; baseUrl?: unknown; allowInsecureHttp?: unknown }): string {
  const { host, baseUrl } = options;
  if (baseUrl === undefined) {
    if (host === undefined) throw new InvalidInputError("host", "missing: pass your tenant's host name, e.g. `{ host: \"acme.iw-erp.de\" }`.");
    // Only what a host name, an IP address and a port are made of: a scheme, user, path, query or fragment
    // (`/`, `@`, `?`, `#`) belongs in `baseUrl`, and anything else is no host name.
    const url = typeof host === "string" && /^[a-z\d.:[\]-]+$/i.test(host) ? parse(`https://${host}`) : undefined;
    // The parser also lets through what no DNS name is: an empty label (`a..b`, a trailing dot), a hyphen at either
    // end of a label, a label over 63 characters. An IPv4 address passes as labels of digits.
    if (url && url.port !== "0" && /^(?:\[.+\]|(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.(?!$)|$))+)$/.test(url.hostname)) return url.origin;
    throw new InvalidInputError(
      "host",
      typeof host === "string" && host.includes("/")
        ? "must be a host name alone, such as `acme.iw-erp.de`; pass a full URL as `baseUrl`."
        : "is not a host name such as `acme.iw-erp.de` (with an optional `:port` from 1 to 65535).",
    );
  }
  if (host !== undefined) throw new InvalidInputError("host", "give either `host` or `baseUrl`, not both.");
  // Not a string: "" fails to parse as well.
  const text = typeof baseUrl === "string" ? baseUrl : "";
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw new InvalidInputError("baseUrl", "must not contain spaces or control characters.");
  const url = parse(text);
  if (!url) throw mustBe("baseUrl", "an absolute URL such as `https://acme.iw-erp.de`");
  const { protocol, hostname } = url;
  if (protocol !== "https:" && protocol !== "http:") throw new InvalidInputError("baseUrl", `must use https:// (got ${protocol}//).`);
  if (url.port === "0") throw new InvalidInputError("baseUrl", "has port 0; give the server's real port.");
  if (url.username || url.password) {
    throw new InvalidInputError("baseUrl", "must not contain credentials; pass the token as `sessionToken`.");
  }
  // The parser makes a query only of a `?` and a fragment only of a `#`; an empty one leaves no trace in `url`.
  if (/[?#]/.test(text)) {
    throw new InvalidInputError("baseUrl", "must not contain a query or fragment.");
  }
  // Loopback: `localhost`, 127.0.0.0/8 and `[::1]`, traffic that never leaves the machine. Not `*.localhost`: many
  // systems resolve such names by DNS, so they may lead anywhere.
  if (protocol === "http:" && options.allowInsecureHttp !== true && !/^(?:localhost|127(?:\.\d+){3}|\[::1\])$/.test(hostname)) {
    throw new InvalidInputError(
      "baseUrl",
      "would send the token unencrypted (http:// to a host that is not loopback); use https://, or set `allowInsecureHttp: true`.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
