// @ts-check
/**
 * `fetch` stand-ins that answer without a network, a new `Response` per call: POST with `ADD_RESPONSE`, anything else
 * with `LIST_RESPONSE`; with a `Content-Length`, or without one, as a compressing web server sends it.
 */
import { ADD_RESPONSE, LIST_RESPONSE } from "./fixtures.mjs";

// What one read of a socket typically gives: the chunks of an answer without `Content-Length`.
const CHUNK_BYTES = 16 * 1024;

const ANSWERS = { POST: prepare(ADD_RESPONSE), GET: prepare(LIST_RESPONSE) };
const UNFRAMED_HEADERS = { "content-type": "application/json" };

/** @param {string} text */
function prepare(text) {
  const bytes = new TextEncoder().encode(text);
  const chunks = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
  return { text, headers: { "content-type": "application/json", "content-length": String(bytes.length) }, chunks };
}

/**
 * The answer to one request: with a `Content-Length`, or (`unframed`) a stream that gives one chunk per read.
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 * @param {boolean} unframed
 * @returns {Response}
 */
function answer(input, init, unframed) {
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  const { text, headers, chunks } = ANSWERS[method === "POST" ? "POST" : "GET"];
  if (!unframed) return new Response(text, { status: 200, headers });
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

/** @type {typeof fetch} A fetch that answers at once (in a resolved promise), with a `Content-Length`. */
export const stubFetch = async (input, init) => answer(input, init, false);

/** @type {typeof fetch} A fetch that answers at once without a `Content-Length`, the body streamed in chunks. */
export const unframedStubFetch = async (input, init) => answer(input, init, true);

/**
 * A fetch that holds every request until `count` are waiting, then answers them all (`unframed`, default false: without
 * `Content-Length`), so `count` calls are in flight at once.
 * @param {number} count
 * @param {{ unframed?: boolean }} [options]
 * @returns {typeof fetch}
 */
export function gatedStubFetch(count, { unframed = false } = {}) {
  /** @type {Array<() => void>} */
  let waiting = [];
  return (input, init) =>
    new Promise((resolve) => {
      waiting.push(() => resolve(answer(input, init, unframed)));
      if (waiting.length === count) {
        const release = waiting;
        waiting = [];
        for (const go of release) go();
      }
    });
}
