import { get_chatroom_get, put_chatroom_put } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { BodyOf, PathValue, ResultOf } from "../core/operation-types.js";
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
  get(id: PathValue<"get_chatroom_get", "identifier">, options?: CallOptions): Promise<ResultOf<"get_chatroom_get">> {
    return request(this.#connection, get_chatroom_get, { path: { identifier: id } }, options);
  }

  /**
   * Update single Chatroom (`put_chatroom_put`). Idempotent, so it is retried after ambiguous failures.
   * @example
   * const room = await chat.chatrooms.update(42, { name: "Support" });
   */
  update(
    id: PathValue<"put_chatroom_put", "identifier">,
    chatroom: BodyOf<"put_chatroom_put">,
    options?: CallOptions,
  ): Promise<ResultOf<"put_chatroom_put">> {
    return request(this.#connection, put_chatroom_put, { path: { identifier: id }, body: chatroom }, options, "chatroom");
  }
}
