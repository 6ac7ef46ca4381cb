/** The brand both builds of the package put on their errors' prototype. */
const BRAND = Symbol.for("iwerp-chat-client.IwErpError");

/**
 * The base class of every error this client throws. Catch it to handle all of them at once; check the
 * subclasses (or `name`) to tell them apart.
 *
 * Messages, `String(err)`, `JSON.stringify(err)` and `util.inspect(err)` never contain the session token
 * or any request field the spec marks secret (`x-iwerp-secret`).
 */
export class IwErpError extends Error {
  override name = "IwErpError";

  /** Marks the client's errors across copies of the package (its ES module and CommonJS builds): see `isIwErpError`. */
  static {
    (this.prototype as unknown as Record<symbol, boolean>)[BRAND] = true;
  }

  /**
   * @param details fields of the subclass (e.g. `method`, `url`, `attempts`): each becomes a field of the same name.
   */
  constructor(message?: string, details?: object, options?: ErrorOptions) {
    super(message, options);
    Object.assign(this, details);
  }

  /** A plain object for logs and `JSON.stringify`: the name, the message and the subclass's fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/** What a message says after the status of a call that took more than one attempt (` after 3 attempts`), else `""`. */
export function afterAttempts(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}

/**
 * True when `value` is an error thrown by this client, also one from the package's other build (an app that
 * both imports and requires the package holds two copies of the classes, so `instanceof` fails between them).
 */
export function isIwErpError(value: unknown): value is IwErpError {
  // The brand sits on `IwErpError.prototype`, so this holds for this copy's errors too.
  return value instanceof Error && (value as unknown as Record<symbol, unknown>)[BRAND] === true;
}
