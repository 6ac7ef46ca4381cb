import type { ChatClientOptions } from "./client-options.js";
import { checkSecret } from "./core/check-input.js";
import { connect, type Connection } from "./core/connection.js";
import { NEW_KEY } from "./core/http-error-from-response.js";
import { MIN_SECRET_LENGTH } from "./core/redactor.js";
import { API_KEY_HEADER, type Credential } from "./core/resolve-options.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";

export type { Connection };

/** Where a session token comes from, for the message when it is missing. */
export const TOKEN_SOURCE = "Pass the `session.sessionid` that `login()` returns.";

/** Options whose session token the server gave at login: its length is the server's business, not a mistake to refuse. */
export const SERVER_SESSIONS = new WeakSet<object>();

/** The two credentials, for the message when both or neither are given. */
const EITHER = "give exactly one of `apiKey` (from the iwERP user settings) or `sessionToken` (from login())";

/**
 * Checks the options and builds what the resources of one tenant share: the openapi-fetch client, the credential
 * (an API key or a session token: exactly one) and headers, the limits and the redactor. Pass it to the resources an app uses (`new
 * ChatroomParticipants(connection)`); each imports only its own operations and their response checks, so a
 * bundler leaves out the rest of the API. `createChatClient` is the same with every resource and `request`.
 * The options are those of `createChatClient`, with the same defaults.
 *
 * @throws {@link InvalidInputError} for a bad host, both credentials or neither, a malformed one (or one under 8 characters) or a bad timeout, before anything is sent.
 * @example
 * import { ChatroomParticipants, createConnection } from "iwerp-chat-client";
 *
 * const connection = createConnection({ host: "acme.iw-erp.de", apiKey: process.env.IWERP_API_KEY! });
 * const participants = new ChatroomParticipants(connection);
 * await participants.add({ chatroom: { id: 42 }, first_name: "Ada" });
 * for await (const p of participants.listAll({ chatroom: "42" })) console.log(p.first_name);
 */
export function createConnection(options: ChatClientOptions): Connection {
  if (options === null || typeof options !== "object") {
    throw new InvalidInputError("options", "pass an object such as `{ host: \"acme.iw-erp.de\", apiKey }`.");
  }
  const { apiKey, sessionToken } = options;
  if ((apiKey === undefined) === (sessionToken === undefined)) {
    throw new InvalidInputError("options", `${EITHER}; got ${apiKey === undefined ? "neither" : "both"}.`);
  }
  // One shorter than MIN_SECRET_LENGTH is a placeholder or a cut-off value (iwERP's are far longer); the redactor
  // would find it only as a whole word. A session id the server gave at login is the server's business.
  const min = SERVER_SESSIONS.has(options) ? 1 : MIN_SECRET_LENGTH;
  const credential: Credential =
    apiKey === undefined
      ? ["x-session-token", checkSecret("sessionToken", sessionToken, TOKEN_SOURCE, min)]
      : [API_KEY_HEADER, checkSecret("apiKey", apiKey, NEW_KEY, min)];
  return connect(options, credential);
}
