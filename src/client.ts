import type { Client } from "openapi-fetch";
import { OPERATIONS } from "../generated/operations.js";
import type { CallOptions, ChatClientOptions } from "./client-options.js";
import type { OperationId, RequestInput, ResultOf } from "./core/operation-types.js";
import { request } from "./core/request.js";
import { createRawClient } from "./core/raw-client.js";
import { createConnection } from "./create-connection.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";
import { ApiTokens } from "./resources/api-tokens.js";
import { ChatroomMessageReactions } from "./resources/chatroom-message-reactions.js";
import { ChatroomMessages } from "./resources/chatroom-messages.js";
import { ChatroomParticipants } from "./resources/chatroom-participants.js";
import { Chatrooms } from "./resources/chatrooms.js";
import { CustomerChatroomMessageReactions, CustomerChatroomMessages, type CustomerPortal } from "./resources/customer-portal.js";
import type { paths } from "./types.js";

/** A client for one iwERP tenant's chat API. */
export interface ChatClient {
  /** Chat rooms: `get`, `update`. */
  readonly chatrooms: Chatrooms;
  /** Chat room participants: `list`, `listAll`, `add`, `update`, `delete`. */
  readonly chatroomParticipants: ChatroomParticipants;
  /** Chat messages: `list`, `listAll`, `get`, `delete`. */
  readonly chatroomMessages: ChatroomMessages;
  /** Reactions to messages: `list`, `listAll`, `get`, `delete`. */
  readonly chatroomMessageReactions: ChatroomMessageReactions;
  /** The customer-portal operations. */
  readonly customerPortal: CustomerPortal;
  /** JWT login tokens (API keys): `create`. */
  readonly apiTokens: ApiTokens;
  /**
   * Calls any operation of the spec by its operationId, with the same checks, timeouts, retries and typed
   * errors as the methods above; input and result are typed by the spec. It holds every operation and its
   * response check: an app that wants a smaller bundle uses `createConnection` and the resources it needs.
   * @example
   * const room = await chat.request("get_chatroom_get", { path: { identifier: 42 } });
   */
  request<Id extends OperationId>(id: Id, input: RequestInput<Id>, options?: CallOptions): Promise<ResultOf<Id>>;
  /**
   * The underlying openapi-fetch client, typed by the spec's `paths`. It sends the credential, the headers and the
   * `iw-build-id` / `iw-package-id` parameters, follows no redirects (a 3xx comes back as the response) and
   * reads no more than `maxResponseBytes`, but has no timeouts, retries or typed errors: it returns
   * `{ data, error, response }`.
   */
  readonly raw: Client<paths>;
  /** The base URL every call goes to, e.g. `https://acme.iw-erp.de`. */
  readonly baseUrl: string;
}

/**
 * Creates a client for the chat API of one iwERP tenant, authenticated with an API key (`apiKey`, sent as
 * `x-iw-jwt-token`: the way for integrations) or a session token (`sessionToken`, sent as `x-session-token`):
 * exactly one of them. It is a `createConnection` with every resource over it, and `request` for any operation.
 * Options are checked here: a bad host, both credentials or neither, a malformed one or a bad timeout throws an
 * `InvalidInputError` before anything is sent.
 *
 * @example
 * import { createChatClient } from "iwerp-chat-client";
 *
 * const chat = createChatClient({ host: "acme.iw-erp.de", apiKey: process.env.IWERP_API_KEY! });
 * const participant = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const connection = createConnection(options);
  let raw: Client<paths> | undefined;
  return {
    chatrooms: new Chatrooms(connection),
    chatroomParticipants: new ChatroomParticipants(connection),
    chatroomMessages: new ChatroomMessages(connection),
    chatroomMessageReactions: new ChatroomMessageReactions(connection),
    customerPortal: {
      chatroomMessages: new CustomerChatroomMessages(connection),
      chatroomMessageReactions: new CustomerChatroomMessageReactions(connection),
    },
    apiTokens: new ApiTokens(connection),
    request: async (id, input, callOptions) => {
      // Own properties only: `toString` or `__proto__` is no operation.
      if (typeof id !== "string" || !Object.hasOwn(OPERATIONS, id)) {
        throw new InvalidInputError("operation", `${JSON.stringify(id)} is not an operationId of the spec.`);
      }
      return request(connection, OPERATIONS[id], input, callOptions);
    },
    // Built on first use: most apps never touch it, and openapi-fetch's client costs a little to build.
    get raw() {
      return (raw ??= createRawClient(connection));
    },
    baseUrl: connection.config.baseUrl,
  };
}
