/** One exchange seen by `createRecordingFetch`. */
export interface RecordedExchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  requestBody: string | undefined;
  status: number;
  responseBody: string;
  /** Prism's `sl-violations` header, parsed. */
  violations: PrismViolation[];
}

/** A violation Prism reports in its `sl-violations` header. */
export interface PrismViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** Changes a request on the wire, after the client built it (e.g. to drop a header the client insists on). */
export type RequestTamper = (request: Request) => Promise<Request>;

/** A tamper that sends the request without one header. */
export function withoutHeader(name: string): RequestTamper {
  return async (request) => {
    const headers = new Headers(request.headers);
    headers.delete(name);
    const body = request.body ? await request.text() : undefined;
    return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
  };
}

/** A `fetch` that records every exchange (and `sl-violations`: Prism serves an invalid example with 200) and sends it with `send`. */
export function createRecordingFetch(tamper?: RequestTamper, send: typeof fetch = fetch): { fetch: typeof fetch; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const original = new Request(input, init);
    const request = tamper ? await tamper(original) : original;
    const requestBody = request.body ? await request.clone().text() : undefined;
    const response = await send(request);
    const header = response.headers.get("sl-violations");
    exchanges.push({
      method: request.method,
      url: new URL(request.url),
      requestHeaders: request.headers,
      requestBody,
      status: response.status,
      responseBody: await response.clone().text(),
      violations: header ? (JSON.parse(header) as PrismViolation[]) : [],
    });
    return response;
  };
  return { fetch: recordingFetch, exchanges };
}
