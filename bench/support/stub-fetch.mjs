// @ts-check
/**
 * `fetch` stand-ins that answer without a network: a new `Response` per call, as a server would send it.
 * The request is routed by method only: POST gets `ADD_RESPONSE`, anything else `LIST_RESPONSE`.
 * Two framings: with a `Content-Length` (the body as one string), or without one, as a web server that
 * compresses sends it (the body as a stream of chunks of at most `CHUNK_BYTES`, as a socket delivers them).
 */
import { ADD_RESPONSE, LIST_RESPONSE } from "./fixtures.mjs";

/** The largest chunk of an answer without `Content-Length`: what one read of a socket typically gives. */
export const CHUNK_BYTES = 16 * 1024;

const HEADERS = {
  POST: { "content-type": "application/json", "content-length": String(Buffer.byteLength(ADD_RESPONSE)) },
  GET: { "content-type": "application/json", "content-length": String(Buffer.byteLength(LIST_RESPONSE)) },
};
const UNFRAMED_HEADERS = { "content-type": "application/json" };
/** The bytes of each answer, cut into chunks once. */
const CHUNKS = {
  POST: chunksOf(ADD_RESPONSE),
  GET: chunksOf(LIST_RESPONSE),
};

/**
 * @param {string} text
 * @returns {Uint8Array[]}
 */
function chunksOf(text) {
  const bytes = new TextEncoder().encode(text);
  const chunks = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

/**
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 * @returns {"POST" | "GET"}
 */
function methodOf(input, init) {
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  return method === "POST" ? "POST" : "GET";
}

/**
 * The answer to one request, with a `Content-Length`.
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 * @returns {Response}
 */
function answer(input, init) {
  const method = methodOf(input, init);
  return new Response(method === "POST" ? ADD_RESPONSE : LIST_RESPONSE, { status: 200, headers: HEADERS[method] });
}

/**
 * The answer to one request without a `Content-Length`: a stream that gives one chunk per read.
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 * @returns {Response}
 */
function unframedAnswer(input, init) {
  const chunks = CHUNKS[methodOf(input, init)];
  let next = 0;
  const body = new ReadableStream({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: UNFRAMED_HEADERS });
}

/**
 * A fetch that answers at once (in a resolved promise), with a `Content-Length`.
 * @type {typeof fetch}
 */
export const stubFetch = async (input, init) => answer(input, init);

/**
 * A fetch that answers at once without a `Content-Length`, the body streamed in chunks.
 * @type {typeof fetch}
 */
export const unframedStubFetch = async (input, init) => unframedAnswer(input, init);

/**
 * A fetch that holds every request until `count` are waiting, then answers them all: `count` calls are
 * in flight at the same time, each holding whatever a caller keeps per call.
 * @param {number} count
 * @param {{ unframed?: boolean }} [options] answer without `Content-Length` (default: with).
 * @returns {typeof fetch}
 */
export function gatedStubFetch(count, { unframed = false } = {}) {
  /** @type {Array<() => void>} */
  let waiting = [];
  return (input, init) =>
    new Promise((resolve) => {
      waiting.push(() => resolve(unframed ? unframedAnswer(input, init) : answer(input, init)));
      if (waiting.length === count) {
        const release = waiting;
        waiting = [];
        for (const go of release) go();
      }
    });
}
