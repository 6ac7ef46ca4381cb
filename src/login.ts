import type { CallOptions, ConnectionOptions } from "./client-options.js";
import { createChatClient, type ChatClient } from "./client.js";
import { connect } from "./core/connection.js";
import type { BodyOf, QueryOf, ResultOf } from "./core/operation-types.js";
import { request } from "./core/request.js";
import { resolveClientOptions } from "./core/resolve-options.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";

/** Options of `login`: the tenant and the transport options of `createChatClient`, and the credentials. */
export interface LoginOptions extends ConnectionOptions, Omit<CallOptions, "timeoutMs" | "deadlineMs" | "retry" | "validateResponses"> {
  /** The user's name (usually the e-mail address). */
  username: string;
  /** The user's password; redacted like the session token wherever the client reports anything. */
  password: string;
  /** A further token of the login (the reference does not say which; presumably a second factor). Default: not sent. */
  token?: string;
  /** Which JWTs to return with the session (`tokenIdentifiers`). Default: not sent. */
  tokenIdentifiers?: QueryOf<"post_post_login">["tokenIdentifiers"];
}

/** What `login` returns: the session the server created, and a client that uses it. */
export interface LoginResult {
  /** The server's answer; `session.sessionid` is the session token. */
  session: ResultOf<"post_post_login">;
  /** A client for the same tenant and options, sending `session.sessionid` as its token. */
  client: ChatClient;
}

/**
 * Do log in with email and password (`POST /api/logins`, `post_post_login`) and return the session and a
 * ready client. A POST: not retried when the server may have processed it.
 *
 * @throws {InvalidInputError} before sending, for a missing username or password or a bad option.
 * @throws {HttpError} e.g. `AuthenticationError` for wrong credentials.
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
  const credentials: BodyOf<"post_post_login"> = token === undefined ? { username, password } : { username, password, token };
  const connection = connect(resolveClientOptions(connectionOptions, undefined));
  const query = tokenIdentifiers === undefined ? {} : { tokenIdentifiers };
  const session = await request(connection, "post_post_login", { body: credentials, query }, signal ? { signal } : undefined, "login");
  if (typeof session.sessionid !== "string" || session.sessionid === "") {
    throw new InvalidInputError("session", "the login answered without a `sessionid`; check the credentials.");
  }
  return { session, client: createChatClient({ ...connectionOptions, sessionToken: session.sessionid }) };
}
