import { IwErpError } from "./IwErpError.js";

/**
 * Thrown before any request is sent when an option or argument is wrong: a missing token, a host with a
 * scheme or a path, a control character in an id, a negative timeout. The message says what to fix.
 */
export class InvalidInputError extends IwErpError {
  override name = "InvalidInputError";
  /** The option or argument at fault, e.g. `sessionToken` or `host`. */
  readonly input: string;

  constructor(input: string, problem: string) {
    super(`Invalid ${input}: ${problem}`);
    this.input = input;
  }
}
