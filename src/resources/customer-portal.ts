import {
  get_customer_chatroom_message_get,
  put_customer_chatroom_message_put,
  post_customer_chatroom_message_reaction_post,
} from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { CustomerChatroomMessage, CustomerChatroomMessagePayload, CustomerChatroomMessageReaction, CustomerChatroomMessageReactionPayload, Id } from "../types.js";
import { request } from "../core/request.js";

/** Chat messages as the customer portal sees them: `/api/cp/chat/chatroom_message/{identifier}`. */
export class CustomerChatroomMessages {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Return single ChatroomMessage, customer-portal variant (`get_customer_chatroom_message_get`).
   * @example
   * const message = await chat.customerPortal.chatroomMessages.get(1001);
   */
  get(id: Id, options?: CallOptions): Promise<CustomerChatroomMessage> {
    return request(this.#connection, get_customer_chatroom_message_get, { path: { identifier: id } }, options);
  }

  /**
   * Update single ChatroomMessage, customer-portal variant (`put_customer_chatroom_message_put`).
   * @example
   * const message = await chat.customerPortal.chatroomMessages.update(1001, { completed: true });
   */
  update(id: Id, message: CustomerChatroomMessagePayload, options?: CallOptions): Promise<CustomerChatroomMessage> {
    return request(this.#connection, put_customer_chatroom_message_put, { path: { identifier: id }, body: message }, options, "message");
  }
}

/** Reactions as the customer portal adds them: `/api/cp/chat/chatroom_message_reaction/{chatroomMessageIdentifier}`. */
export class CustomerChatroomMessageReactions {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Add a new ChatroomMessageReaction to the message `messageId`, customer-portal variant
   * (`post_customer_chatroom_message_reaction_post`). A POST: not retried when it may have been processed.
   * @example
   * const reaction = await chat.customerPortal.chatroomMessageReactions.add(1001, { emoji: "👍" });
   */
  add(messageId: Id, reaction: CustomerChatroomMessageReactionPayload, options?: CallOptions): Promise<CustomerChatroomMessageReaction> {
    return request(
      this.#connection,
      post_customer_chatroom_message_reaction_post,
      { path: { chatroomMessageIdentifier: messageId }, body: reaction },
      options,
      "reaction",
    );
  }
}

/** The customer-portal operations (`/api/cp/chat/…`); they need a customer's session. */
export interface CustomerPortal {
  /** `get`, `update`. */
  readonly chatroomMessages: CustomerChatroomMessages;
  /** `add`. */
  readonly chatroomMessageReactions: CustomerChatroomMessageReactions;
}
