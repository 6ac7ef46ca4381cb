// @ts-check
/**
 * `fetch` stand-ins that answer without a network: a new `Response` per call with the body and its
 * `Content-Length`, as a server would send it. The request is routed by method only: POST gets
 * `ADD_RESPONSE`, anything else `LIST_RESPONSE`.
 */
import { ADD_RESPONSE, LIST_RESPONSE } from "./fixtures.mjs";

const HEADERS = {
  POST: { "content-type": "application/json", "content-length": String(Buffer.byteLength(ADD_RESPONSE)) },
  GET: { "content-type": "application/json", "content-length": String(Buffer.byteLength(LIST_RESPONSE)) },
};

/**
 * The answer to one request.
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 * @returns {Response}
 */
function answer(input, init) {
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  return method === "POST"
    ? new Response(ADD_RESPONSE, { status: 200, headers: HEADERS.POST })
    : new Response(LIST_RESPONSE, { status: 200, headers: HEADERS.GET });
}

/**
 * A fetch that answers at once (in a resolved promise).
 * @type {typeof fetch}
 */
export const stubFetch = async (input, init) => answer(input, init);

/**
 * A fetch that holds every request until `count` are waiting, then answers them all: `count` calls are
 * in flight at the same time, each holding whatever a caller keeps per call.
 * @param {number} count
 * @returns {typeof fetch}
 */
export function gatedStubFetch(count) {
  /** @type {Array<() => void>} */
  let waiting = [];
  return (input, init) =>
    new Promise((resolve) => {
      waiting.push(() => resolve(answer(input, init)));
      if (waiting.length === count) {
        const release = waiting;
        waiting = [];
        for (const go of release) go();
      }
    });
}
