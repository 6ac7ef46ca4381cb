/**
 * What openapi-fetch builds for the core's calls in place of a `Request` (its `Request` option): the final
 * URL and the init, kept as they are. `fetch(url, init)`, the runtime's or a caller's, then builds the one
 * `Request` of the call, where a `Request` built by openapi-fetch and handed to `fetch` would be built twice
 * (each with an `AbortController` of its own, the costliest part of a call in Node 20). `raw` keeps
 * openapi-fetch's real `Request`.
 */
export class RequestParts {
  /** The HTTP method; openapi-fetch reads it (a HEAD has no body to parse). */
  readonly method: string;

  constructor(
    /** The final URL, query string included. */
    readonly url: string,
    /** What openapi-fetch would have built the `Request` from: method, headers, body, signal, redirect. */
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? "GET";
  }
}

/**
 * The parts behind what openapi-fetch hands the wire client's `fetch`, which its types call a `Request`.
 * @throws {TypeError} when given a real `Request`: the wire client was built without `Request: RequestParts`.
 */
export function partsOf(request: Request): RequestParts {
  if (request instanceof RequestParts) return request;
  throw new TypeError("expected RequestParts");
}
