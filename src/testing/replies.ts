import { describeIssue, type Issue } from "./issues.js";

/** What a handler answers: a 200 with its body, or a failure with the messages the iwERP error headers carry. */
export type Reply =
  | { readonly status: 200; readonly body: unknown }
  | {
      readonly status: number;
      readonly messages: readonly string[];
      readonly issues?: readonly Issue[];
      readonly headers?: Readonly<Record<string, string>>;
    };

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  507: "Insufficient Storage",
};

/** A failure reply. */
export function failure(status: number, messages: readonly string[], extra: { issues?: readonly Issue[]; headers?: Record<string, string> } = {}): Reply {
  return { status, messages, ...extra };
}

/** A 422 listing every issue (one message per issue, e.g. `data.id: must be integer`). */
export function invalid(issues: readonly Issue[], status = 422): Reply {
  return failure(status, issues.map(describeIssue), { issues });
}

/** Whether a reply is answered with its own status (`"real"`) or as iwERP's soft errors do: HTTP 400 with the real code in `X-IW-ERROR-CODE`. */
export type ErrorStyle = "real" | "soft";

/** The HTTP status a reply is answered with in `style`: a soft error (400–599) goes out as 400; a 200 or 3xx as it is. */
export function httpStatusOf(reply: Reply, style: ErrorStyle): number {
  return style === "soft" && "messages" in reply && reply.status >= 400 ? 400 : reply.status;
}

/**
 * The Response for a reply. A failure carries `X-IW-ERROR-CODE` (its code) and `X-IW-ERROR-JSON` (the
 * messages), as the iwERP server reports errors, and a problem-details body that lists the issues in
 * `validation` (`location` and `message` each, as Prism does). In the `"soft"` style an error goes out as
 * HTTP 400 with the same headers (so `X-IW-ERROR-CODE` holds the real code, e.g. 401); the body's `status`
 * is the HTTP status and its `title` the real code's.
 */
export function toResponse(reply: Reply, style: ErrorStyle = "real"): Response {
  if (!("messages" in reply)) {
    return new Response(JSON.stringify(reply.body), { status: 200, headers: { "content-type": "application/json" } });
  }
  const { status: code, messages, issues, headers } = reply;
  const status = httpStatusOf(reply, style);
  const title = TITLES[code] ?? "Error";
  const body = {
    type: "about:blank",
    title,
    status,
    detail: messages.join("; "),
    ...(issues === undefined ? {} : { validation: issues.map((issue) => ({ location: issue.path, message: issue.message })) }),
  };
  // A 304 (a fault may ask for one) has no body: a Response with one cannot be made.
  return new Response(status === 304 ? null : JSON.stringify(body), {
    status,
    statusText: TITLES[status] ?? "Error",
    headers: {
      "content-type": "application/problem+json",
      "x-iw-error-code": String(code),
      "x-iw-error-json": asciiJson(messages),
      ...headers,
    },
  });
}

/** JSON with every character outside printable ASCII escaped: a header value must be Latin-1, and a message may quote anything. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\u0020-\u007e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
