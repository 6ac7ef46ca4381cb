import type { Credentials } from "./credentials.js";
import type { Reply } from "./replies.js";
import { sessionReply } from "./sessions.js";

/** Base64url without padding, of the UTF-8 bytes of `text` (on web-standard APIs only: `btoa`, `TextEncoder`). */
function base64url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * A string shaped like a JWT (`header.payload.signature`, base64url), with `payload` readable by any JWT
 * decoder. It is signed by nothing: the fake accepts it because it made it, not because of a signature.
 */
export function jwtLike(payload: Record<string, unknown>, signature: string): string {
  return [base64url(JSON.stringify({ alg: "HS256", typ: "JWT" })), base64url(JSON.stringify(payload)), base64url(signature)].join(".");
}

/** The query parameters of `create_jwt` that restrict the key; the fake writes them into the key's payload and enforces none. */
const RESTRICTIONS = ["scopes", "allowedPath", "allowedMethod", "maxUserAccessType", "extraShort"] as const;

/**
 * Answers "Creates a new JWT Login Token" (`GET /api/base/api_token/create_jwt`): a new API key the fake
 * accepts from then on, in a `Session` whose `sessionid` is the key and `is_api_key` true. The reference does
 * not say where the JWT is in the answer; `sessionid` is the fake's choice. The key looks like a JWT whose
 * payload holds the number of the session, `iat` from the fake's clock, `exp` after `validSeconds` (when a
 * number) and the restrictions asked for; the fake enforces neither expiry nor restrictions (revoke a key
 * with `tenant.revokeApiKey` instead). The same calls on the same clock give the same keys.
 */
export function createApiToken(credentials: Credentials, query: URLSearchParams, now: () => string): Reply {
  const start = now();
  const iat = Math.floor(Date.parse(start) / 1000);
  const validSeconds = Number(query.get("validSeconds") ?? Number.NaN);
  const restrictions = Object.fromEntries(RESTRICTIONS.flatMap((name) => (query.has(name) ? [[name, query.get(name)]] : [])));
  const { n, token } = credentials.open("apiKey", (jti) =>
    jwtLike({ iss: "iwerp-fake-tenant", jti, iat, ...(Number.isFinite(validSeconds) ? { exp: iat + validSeconds } : {}), ...restrictions }, `fake-signature-${jti}`),
  );
  return sessionReply(n, token, start, { apiKey: true });
}
