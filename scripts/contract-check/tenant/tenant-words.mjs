// @ts-check
/**
 * What the client says, in the words of the command's user: the client calls Prism's proxy on 127.0.0.1 and names its
 * own options (`apiKey`, `sessionToken`, `maxResponseBytes`); the report names the tenant's URL and what the command
 * reads instead (IWERP_API_KEY, IWERP_SESSION_TOKEN, IWERP_CUSTOMER_SESSION_TOKEN, --max-response-bytes, --upstream).
 */

/** Where the customer-portal operations live; their client sends IWERP_CUSTOMER_SESSION_TOKEN. */
const CUSTOMER_PORTAL = "/api/cp/";

/**
 * The client's hints (src/core/http-error-from-response.ts, src/core/execute.ts) and what the command says instead;
 * `customer`: whether the line is about a customer-portal call.
 * @type {ReadonlyArray<readonly [RegExp, (customer: boolean) => string]>}
 */
const HINTS = [
  [/and pass it as `apiKey`\./g, () => "and put it in IWERP_API_KEY."],
  [
    /Log in again \(`login\(\)`\) and pass the new `session\.sessionid` as `sessionToken`\./g,
    (customer) => `Log in again and put the new session id (\`session.sessionid\`) in ${customer ? "IWERP_CUSTOMER_SESSION_TOKEN" : "IWERP_SESSION_TOKEN"}.`,
  ],
  [/Raise `maxResponseBytes` if that is expected\./g, () => "Raise --max-response-bytes if that is expected."],
  [/pass it as `host`\/`baseUrl`\./g, () => "pass it as --upstream."],
];

/**
 * `value` (a report, a message) with every string rewritten: `proxyUrl` replaced by `upstream` (Prism forwards
 * `proxyUrl + path` to `upstream + path`), and the client's hints by the command's.
 * @template T
 * @param {T} value
 * @param {{ proxyUrl: string, upstream: string }} where
 * @returns {T}
 */
export function inTenantWords(value, where) {
  if (typeof value === "string") {
    // Not followed by a digit: the proxy on port 4123 says nothing of a server on port 41234.
    const proxy = new RegExp(`${where.proxyUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\d)`, "g");
    const lines = value.replace(proxy, () => where.upstream).split("\n");
    return /** @type {T} */ (
      lines.map((line) => HINTS.reduce((text, [pattern, hint]) => text.replace(pattern, () => hint(line.includes(CUSTOMER_PORTAL))), line)).join("\n")
    );
  }
  if (Array.isArray(value)) return /** @type {T} */ (value.map((item) => inTenantWords(item, where)));
  if (value === null || typeof value !== "object") return value;
  return /** @type {T} */ (Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inTenantWords(item, where)])));
}
