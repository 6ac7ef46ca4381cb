import { IwErpError } from "./IwErpError.js";

/**
 * Where a connection failed: `connect` means the request certainly did not reach the server (refused,
 * DNS failure, a TLS certificate the runtime refused); `request` that it may have; `response` that the server answered and the connection broke
 * while the answer was being read.
 */
export type ConnectionPhase = "connect" | "request" | "response";

/** Thrown when no complete answer came back because the network failed. */
export class ConnectionError extends IwErpError {
  override name = "ConnectionError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly phase: ConnectionPhase;
  /** The system error code, e.g. `ECONNREFUSED`, `ENOTFOUND` or `ECONNRESET`, when known. */
  declare readonly errorCode: string | undefined;
  declare readonly attempts: number;

  constructor(
    details: { method: string; url: string; phase: ConnectionPhase; errorCode: string | undefined; attempts: number },
    message: string,
    options?: ErrorOptions,
  ) {
    // Every detail becomes a field of the same name (method, url, phase, errorCode, attempts).
    super(message, details, options);
  }
}
