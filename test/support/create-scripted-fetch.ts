/** One scripted answer: a response to return, or a function that makes one from the request (it may throw or never settle). */
export type ScriptedAnswer = Response | ((request: Request) => Response | Promise<Response>);

/**
 * A `fetch` that answers the n-th request with the n-th answer of `script` (the last one repeats), and keeps every
 * request it saw; an answer that passes the request on (`(request) => fetch(request)`) counts a real fetch's attempts.
 */
export function createScriptedFetch(...script: ScriptedAnswer[]): { fetch: typeof fetch; readonly requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      requests.push(request);
      const answer = script[Math.min(requests.length, script.length) - 1];
      if (answer === undefined) throw new Error("createScriptedFetch: no answer scripted");
      // A Response can be read once: clone it, so a repeated last answer still has a body.
      return typeof answer === "function" ? answer(request) : answer.clone();
    },
  };
}

/** A `fetch` that fails as Node's does when the host name does not resolve, without depending on the machine's resolver. */
export const dnsFailureFetch: typeof fetch = async (input) => {
  const hostname = new URL(input instanceof Request ? input.url : String(input)).hostname;
  const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { errno: -3008, code: "ENOTFOUND", syscall: "getaddrinfo", hostname });
  throw new TypeError("fetch failed", { cause });
};

/** A JSON response with `status`, the body written as given (a string is sent as is, anything else as JSON). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": "application/json", ...headers } });
}
