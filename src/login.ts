import { post_post_login } from "../generated/operations.js";
import type { CallOptions, ConnectionOptions } from "./client-options.js";
import { createChatClient, type ChatClient } from "./client.js";
import { SERVER_SESSIONS } from "./create-connection.js";
import { checkSecret } from "./core/check-input.js";
import { connect } from "./core/connection.js";
import type { BodyOf, QueryOf, ResultOf } from "./core/operation-types.js";
import { request } from "./core/request.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";

/** Options of `login`: the tenant and the transport options of `createChatClient`, and the credentials. */
export interface LoginOptions extends ConnectionOptions, Omit<CallOptions, "timeoutMs" | "deadlineMs" | "retry" | "validateResponses"> {
  /** The user's name (usually the e-mail address). */
  username: string;
  /** The user's password; redacted like the session token wherever the client reports anything. */
  password: string;
  /**
   * A further token of the login (the reference does not say which; presumably a second factor); redacted like
   * the password. Default: not sent.
   */
  token?: string | undefined;
  /** Which JWTs to return with the session (`tokenIdentifiers`). Default: not sent. */
  tokenIdentifiers?: QueryOf<"post_post_login">["tokenIdentifiers"] | undefined;
}

/** What `login` returns: the session the server created, and a client that uses it. */
export interface LoginResult {
  /**
   * The server's answer; `session.sessionid` is the session token, always there (a login answered without one, or
   * with one no header can carry, fails with an `InvalidResponseError`), so it goes straight into `sessionToken`.
   */
  session: ResultOf<"post_post_login"> & { sessionid: string };
  /** A client for the same tenant and options, sending `session.sessionid` as its token. */
  client: ChatClient;
}

/**
 * Do log in with email and password (`POST /api/logins`, `post_post_login`) and return the session and a
 * ready client. A POST: not retried when the server may have processed it.
 *
 * @throws {@link InvalidInputError} before sending, for a missing username or password, a `token` that is no string or
 *   a bad option.
 * @throws {@link HttpError} e.g. `AuthenticationError` for wrong credentials.
 * @throws {@link InvalidResponseError} also when the server answers without a `sessionid` the client can send as the
 *   `x-session-token` header (missing, blank, or holding a line break, control or non-ASCII character).
 * @example
 * import { login } from "iwerp-chat-client";
 *
 * const { session, client: chat } = await login({ host: "acme.iw-erp.de", username: "ada@example.org", password: process.env.IWERP_PASSWORD! });
 * const room = await chat.chatrooms.get(42);
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  if (options === null || typeof options !== "object") {
    throw new InvalidInputError("options", 'pass an object such as `{ host: "acme.iw-erp.de", username, password }`.');
  }
  const { username, password, token, tokenIdentifiers, signal, ...connectionOptions } = options;
  for (const [name, value] of [["username", username], ["password", password]] as const) {
    if (typeof value !== "string" || value === "") throw new InvalidInputError(name, "missing or empty: pass the user's login.");
  }
  // Only a string is redacted (a number, from JavaScript, would be echoed in errors), and a code's leading zeros count.
  if (token !== undefined && typeof token !== "string") throw new InvalidInputError("token", "must be a string: pass the code as typed.");
  const credentials: BodyOf<"post_post_login"> = token === undefined ? { username, password } : { username, password, token };
  const connection = connect(connectionOptions);
  const query = tokenIdentifiers === undefined ? {} : { tokenIdentifiers };
  const session = await request(connection, post_post_login, { body: credentials, query }, signal ? { signal } : undefined, "login", (answer) => {
    // The server's answer, not the caller's input, is at fault when its session id cannot be a header.
    try {
      checkSecret("sessionid", answer.sessionid, "");
    } catch {
      return "a `sessionid` the client cannot send as a header";
    }
  });
  // `refuse` above let only a sendable `sessionid` through.
  // An `apiKey` among the options (from JavaScript) must not turn the new client into one with two credentials.
  const clientOptions = { ...connectionOptions, apiKey: undefined, sessionToken: session.sessionid as string };
  SERVER_SESSIONS.add(clientOptions);
  return { session: session as LoginResult["session"], client: createChatClient(clientOptions) };
}
