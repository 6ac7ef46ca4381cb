/** The iwERP error details a failed response carries in its headers. */
export interface IwErrorHeaders {
  /** `X-IW-ERROR-CODE`, e.g. `"401"`. */
  code: string | undefined;
  /** `X-IW-ERROR-JSON` parsed: a JSON array of message strings, e.g. `["JWT expired"]`. */
  messages: string[];
}

/**
 * Reads `X-IW-ERROR-CODE` and `X-IW-ERROR-JSON`. A malformed `X-IW-ERROR-JSON` is kept as one message
 * rather than dropped, so nothing the server said is lost.
 */
export function parseIwErrorHeaders(headers: Headers): IwErrorHeaders {
  const code = headers.get("x-iw-error-code")?.trim() || undefined;
  const json = headers.get("x-iw-error-json")?.trim();
  if (!json) return { code, messages: [] };
  // Not JSON, or JSON of another shape: the header's text is the message.
  let messages = [json];
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed)) messages = parsed.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
    else if (typeof parsed === "string") messages = [parsed];
  } catch {
    // The text, as above.
  }
  return { code, messages };
}
