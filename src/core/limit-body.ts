/**
 * Thrown when a response is larger than `maxResponseBytes`. `execute` turns it into an `InvalidResponseError`;
 * through the raw client (`createRawClient`) it reaches the caller as it is.
 */
export class ResponseTooLarge extends Error {
  override name = "ResponseTooLarge";
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
  }
}

/** One decoder for every body: `decode` without `stream` starts afresh each time and drops a BOM, as `text()` does. */
const UTF8 = new TextDecoder();

/**
 * Reads `body` whole, at most `limit` bytes as the runtime hands them over (after any `Content-Encoding` is
 * undone, so a decompression bomb is stopped too), and throws `ResponseTooLarge` past that, cancelling the
 * rest; a declared `Content-Length` over the limit fails before anything is read.
 *
 * A reader loop that keeps the chunks and joins them once at the end: no stream piped through another and no
 * second `Response` (which halved the calls per second on answers without `Content-Length`). It costs less
 * than `response.text()` in Node.js 20 even where a `Content-Length` bounds the body, so every body is counted.
 */
async function readBytes(response: Response, body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  // A Node.js stream (the body of node-fetch's fetch, which an app may pass for a proxy) has no reader: its async
  // iterator reads alike (`next()` for `read()`), and `destroy()` stops it as `cancel()` would.
  const node = !(body as Partial<ReadableStream>).getReader && (body as unknown as AsyncIterable<Uint8Array> & { destroy(): void });
  const iterator = node && node[Symbol.asyncIterator]();
  const reader = iterator ? { read: () => iterator.next(), cancel: async () => node.destroy() } : body.getReader();
  if (Number(response.headers.get("content-length")) > limit) {
    await reader.cancel().catch(() => {});
    throw new ResponseTooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new ResponseTooLarge(limit);
    }
    chunks.push(read.value);
  }
  const [first] = chunks;
  if (first && chunks.length === 1) return first;
  const all = new Uint8Array(size);
  size = 0;
  for (const chunk of chunks) {
    all.set(chunk, size);
    size += chunk.byteLength;
  }
  return all;
}

/**
 * A response's body as text, decoded from UTF-8 once, read within `limit` bytes (see `readBytes`); no body is "".
 * @throws {ResponseTooLarge} past the limit.
 */
export async function readText(response: Response, limit: number): Promise<string> {
  return response.body ? UTF8.decode(await readBytes(response, response.body, limit)) : "";
}

/**
 * For the raw client (`createRawClient`), which hands the response to openapi-fetch (and the caller): the response
 * with its body read within `limit` bytes (see `readBytes`), as a new `Response` of the same status and headers, so
 * a huge, endless or inflating body cannot fill memory.
 * @throws {ResponseTooLarge} past the limit.
 */
export async function limitBody(response: Response, limit: number): Promise<Response> {
  // `new Response` accepts neither a status outside 200–599 nor a body on 204/205/304; none carry one worth limiting.
  const { body, status } = response;
  if (!body || status < 200 || status > 599 || [204, 205, 304].includes(status)) return response;
  const bytes = (await readBytes(response, body, limit)) as Uint8Array<ArrayBuffer>;
  // `new Response` takes a status text of Latin-1 characters only; Node.js's fetch reads the status line as UTF-8,
  // so one with `→` would throw: its UTF-8 bytes then, one character each, as a browser's fetch reads them.
  let { statusText } = response;
  if (/[^\0-\xff]/.test(statusText)) statusText = String.fromCharCode(...new TextEncoder().encode(statusText));
  return new Response(bytes, { status, statusText, headers: response.headers });
}
