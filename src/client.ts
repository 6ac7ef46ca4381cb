import { OPERATIONS } from "../generated/operations.js";
import type { CallOptions, ChatClientOptions } from "./client-options.js";
import type { OperationId, RequestInput, ResultOf } from "./core/operation-types.js";
import { CLIENT_CONNECTIONS } from "./core/client-connections.js";
import { request } from "./core/request.js";
import { createConnection } from "./create-connection.js";
import { InvalidInputError } from "./errors/InvalidInputError.js";
import { ApiTokens } from "./resources/api-tokens.js";
import { ChatroomMessageReactions } from "./resources/chatroom-message-reactions.js";
import { ChatroomMessages } from "./resources/chatroom-messages.js";
import { ChatroomParticipants } from "./resources/chatroom-participants.js";
import { Chatrooms } from "./resources/chatrooms.js";
import { CustomerChatroomMessageReactions, CustomerChatroomMessages, type CustomerPortal } from "./resources/customer-portal.js";

/**
 * A client for one iwERP tenant's chat API. openapi-fetch's own client over the same connection (once `chat.raw`)
 * is `createRawClient(chat)` of the `iwerp-chat-client/raw` entry.
 */
export interface ChatClient {
  /** Chat rooms: `get`, `update`. */
  readonly chatrooms: Chatrooms;
  /** Chat room participants: `list`, `listAll`, `add`, `update`, `delete`. */
  readonly chatroomParticipants: ChatroomParticipants;
  /** Chat messages: `list`, `listAll`, `watch`, `get`, `delete`. */
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
  const client: ChatClient = {
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
    baseUrl: connection.config.baseUrl,
  };
  // For createRawClient(chat) of the `iwerp-chat-client/raw` entry, which only an app that uses it bundles.
  CLIENT_CONNECTIONS.set(client, connection);
  // `chat.raw` moved to `iwerp-chat-client/raw`: TypeScript no longer knows it, and JavaScript gets this error
  // instead of undefined. Not enumerable, so `{ ...chat }`, JSON and test printers never trip over it.
  return Object.defineProperty(client, "raw", {
    get() {
      throw new InvalidInputError("chat.raw", 'it moved to its own entry: import { createRawClient } from "iwerp-chat-client/raw" and call createRawClient(chat).GET(…).');
    },
  });
}
