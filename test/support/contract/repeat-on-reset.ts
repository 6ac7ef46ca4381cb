/**
 * Codes of a connection closed under a request before any answer came. Against the embedded Prism mock that is a
 * kept-alive socket Prism closed just as it was reused (its server closes idle sockets after 5 s, and a test process
 * that lags by a second on a loaded machine can still pick one): nothing to do with the contract.
 */
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

/** True when `error` is `fetch`'s failure for a connection closed before any answer. */
function isReset(error: unknown): boolean {
  const cause = error instanceof TypeError ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" && RESET_CODES.has(cause.code);
}

/**
 * `send` that sends a request once more when its connection was closed before any answer. Only for a target that
 * keeps no state (Prism's mock): there a request sent twice does nothing twice. The contract suite's client itself
 * runs with `retry: false`, so this is the only repetition, and a second reset fails the test.
 */
export function repeatOnReset(send: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    try {
      return await send(request.clone());
    } catch (error) {
      if (!isReset(error) || request.signal.aborted) throw error;
      return send(request);
    }
  };
}
