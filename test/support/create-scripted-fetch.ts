/** One scripted answer: a response to return, or a function that makes one from the request (it may throw or never settle). */
export type ScriptedAnswer = Response | ((request: Request) => Response | Promise<Response>);

/**
 * A `fetch` that answers the n-th request with the n-th answer of `script` (the last one repeats), and
 * keeps every request it saw. Nothing is sent anywhere: "nothing is mocked", the fetch is injected.
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

/** A JSON response with `status`, the body written as given (a string is sent as is, anything else as JSON). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": "application/json", ...headers } });
}
