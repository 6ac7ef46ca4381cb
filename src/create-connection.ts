import type { ChatClientOptions } from "./client-options.js";
import { checkSecret } from "./core/check-input.js";
import { connect, type Connection } from "./core/connection.js";
import { resolveClientOptions } from "./core/resolve-options.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";

export type { Connection };

/** Where a session token comes from, for the message when it is missing. */
export const TOKEN_SOURCE = "Pass the `session.sessionid` that `login()` returns.";

/**
 * Checks the options and builds what the resources of one tenant share: the openapi-fetch client, the session
 * token and headers, the limits and the redactor. Pass it to the resources an app uses (`new
 * ChatroomParticipants(connection)`); each imports only its own operations and their response checks, so a
 * bundler leaves out the rest of the API. `createChatClient` is the same with every resource and `request`.
 * The options are those of `createChatClient`, with the same defaults.
 *
 * @throws {InvalidInputError} for a bad host, a missing or malformed token or a bad timeout, before anything is sent.
 * @example
 * import { ChatroomParticipants, createConnection } from "iwerp-chat-client";
 *
 * const connection = createConnection({ host: "acme.iw-erp.de", sessionToken: process.env.IWERP_SESSION_TOKEN! });
 * const participants = new ChatroomParticipants(connection);
 * await participants.add({ chatroom: { id: 42 }, first_name: "Ada" });
 * for await (const p of participants.listAll({ chatroom: "42" })) console.log(p.first_name);
 */
export function createConnection(options: ChatClientOptions): Connection {
  if (options === null || typeof options !== "object") {
    throw new InvalidInputError("options", "pass an object such as `{ host: \"acme.iw-erp.de\", sessionToken }`.");
  }
  return connect(resolveClientOptions(options, checkSecret("sessionToken", options.sessionToken, TOKEN_SOURCE)));
}
