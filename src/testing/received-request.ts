import type { OperationId } from "../core/operation-types.js";

/** One request the fake tenant received, as `tenant.requests` lists it. */
export interface ReceivedRequest {
  /** e.g. `POST`. */
  readonly method: string;
  /** The URL's path, e.g. `/api/chat/chatroom_participant/43`. */
  readonly path: string;
  /** The operation it was routed to, or null for a path or method the spec does not have. */
  readonly operationId: OperationId | null;
  /** The path parameters, e.g. `{ identifier: "43" }`. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** The query parameters (the last value of a repeated one), e.g. `{ chatroom: "42", page: "0" }`. */
  readonly query: Readonly<Record<string, string>>;
  /**
   * The body as parsed JSON (its text when it is no JSON; undefined when empty), with the values of the
   * fields the spec marks secret (`password`, `ai_auto_close_secret_word`) replaced by `[redacted]`, and
   * anything nested more than 64 levels deep by `[nested too deeply]`.
   */
  readonly body: unknown;
  /** The `x-session-token` it carried, or null. */
  readonly sessionToken: string | null;
  /** The API key (`x-iw-jwt-token`) it carried, or null. */
  readonly apiKey: string | null;
  /**
   * The HTTP status the fake answered (400 for every error when errors are soft), or null when it gave no
   * answer (a `reset` fault, or the request was aborted first).
   */
  readonly status: number | null;
  /** For an error, its code as `X-IW-ERROR-CODE` said (e.g. 401, also when the status was a soft 400); else null. */
  readonly errorCode: number | null;
}
