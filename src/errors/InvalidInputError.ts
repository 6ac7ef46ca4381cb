import { IwErpError } from "./IwErpError.js";

/**
 * Thrown before any request is sent when an option or argument is wrong: a missing token, a host with a
 * scheme or a path, a control character in an id, a negative timeout, a body that JSON cannot carry. The
 * message says what to fix. Thrown by a call (not by `createChatClient`), it also names the call's
 * `method` and `url`.
 */
export class InvalidInputError extends IwErpError {
  override name = "InvalidInputError";
  /** The option or argument at fault, e.g. `sessionToken`, `host` or a path into a request body. */
  declare readonly input: string;
  /** What is wrong with it and how to fix it. */
  declare readonly problem: string;
  /** The HTTP method of the call that was not sent; `undefined` for the client's options. */
  declare readonly method: string | undefined;
  /** The URL of the call that was not sent; `undefined` for the client's options. */
  declare readonly url: string | undefined;

  constructor(input: string, problem: string, call?: { method: string; url: string }) {
    // Every detail becomes a field of the same name (input, problem, method, url).
    super(`${call ? `${call.method} ${call.url} was not sent. ` : ""}Invalid ${input}: ${problem}`, { input, problem, method: call?.method, url: call?.url });
  }

  /** The same error, naming the call it stopped. */
  of(call: { method: string; url: string }): InvalidInputError {
    return new InvalidInputError(this.input, this.problem, call);
  }
}
