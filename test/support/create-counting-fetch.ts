/** A `fetch` that counts its calls and hands each to `inner`: how a test sees attempts that never reach a server. */
export function createCountingFetch(inner: typeof fetch = globalThis.fetch): { fetch: typeof fetch; readonly calls: number } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return inner(input, init);
    },
    get calls() {
      return calls;
    },
  };
}

/**
 * A `fetch` that fails the way Node's fetch (undici) does when the host name does not resolve:
 * `TypeError("fetch failed")` caused by a `getaddrinfo ENOTFOUND` error. Used instead of a real lookup so
 * the test does not depend on the machine's resolver.
 */
export const dnsFailureFetch: typeof fetch = async (input) => {
  const hostname = new URL(input instanceof Request ? input.url : String(input)).hostname;
  const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { errno: -3008, code: "ENOTFOUND", syscall: "getaddrinfo", hostname });
  throw new TypeError("fetch failed", { cause });
};
