/**
 * Raised inside the body stream when a response is larger than `maxResponseBytes`. `execute` turns it into an
 * `InvalidResponseError`; through `chat.raw` it reaches the caller as it is (or as the `cause` of a `TypeError`).
 */
export class ResponseTooLarge extends Error {
  override name = "ResponseTooLarge";
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
  }
}

/**
 * Returns a response whose body errors with `ResponseTooLarge` once more than `limit` bytes arrive, so a
 * huge or endless body cannot fill memory. A declared `Content-Length` over the limit fails at once; one
 * within it, on a body without `Content-Encoding`, needs no counting and the response is returned as it is.
 */
export async function limitBody(response: Response, limit: number): Promise<Response> {
  // `new Response` accepts neither a status outside 200–599 nor a body on 204/205/304; none carry one worth limiting.
  if (!response.body || response.status < 200 || response.status > 599 || [204, 205, 304].includes(response.status)) {
    return response;
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body.cancel().catch(() => {});
    throw new ResponseTooLarge(limit);
  }
  // A declared length bounds an unencoded body (HTTP framing reads no more), so counting it costs for nothing.
  // An encoded body may inflate far past its declared length (a decompression bomb), so it is always counted.
  if (declared >= 0 && !response.headers.has("content-encoding")) return response;
  let seen = 0;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new ResponseTooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
