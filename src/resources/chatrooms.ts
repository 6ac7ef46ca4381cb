import { get_chatroom_get, put_chatroom_put } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { Chatroom, ChatroomPayload, Id } from "../types.js";
import { request } from "../core/request.js";

/** Chat rooms: `GET` and `PUT /api/chat/chatroom/{identifier}`. */
export class Chatrooms {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Return single Chatroom (`get_chatroom_get`), with its participants.
   * @example
   * const room = await chat.chatrooms.get(42);
   * console.log(room.name, room.participants?.length);
   */
  get(id: Id, options?: CallOptions): Promise<Chatroom> {
    return request(this.#connection, get_chatroom_get, { path: { identifier: id } }, options);
  }

  /**
   * Update single Chatroom (`put_chatroom_put`). Idempotent, so it is retried after ambiguous failures.
   * @example
   * const room = await chat.chatrooms.update(42, { name: "Support" });
   */
  update(id: Id, chatroom: ChatroomPayload, options?: CallOptions): Promise<Chatroom> {
    return request(this.#connection, put_chatroom_put, { path: { identifier: id }, body: chatroom }, options, "chatroom");
  }
}
