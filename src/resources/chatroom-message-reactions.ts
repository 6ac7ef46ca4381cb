import {
  get_chatroom_message_reaction_cget,
  get_chatroom_message_reaction_get,
  delete_chatroom_message_reaction_delete,
} from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { ChatroomMessageReaction, ChatroomMessageReactionListItem, ChatroomMessageReactionListQuery, Id } from "../types.js";
import { listPage, walkList, type ListAllOptions } from "../core/paginate.js";
import { request } from "../core/request.js";

/** Reactions to chat messages (staff API): `/api/chat/chatroom_message_reaction`. */
export class ChatroomMessageReactions {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Returns a list of all ChatroomMessageReactions (`get_chatroom_message_reaction_cget`): one page, filtered.
   * `page` and `pageSize` outside the spec's limits are an `InvalidInputError` before anything is sent.
   * @example
   * const reactions = await chat.chatroomMessageReactions.list({ message: "1001" });
   */
  list(query?: ChatroomMessageReactionListQuery, options?: CallOptions): Promise<ChatroomMessageReactionListItem[]> {
    return listPage(this.#connection, get_chatroom_message_reaction_cget, query, options);
  }

  /**
   * Every reaction the query matches, page after page, until a short page or `maxItems`.
   * `page` and `pageSize` outside the spec's limits are an `InvalidInputError`; a page that breaks the paging
   * (longer than `pageSize`, or only items yielded before) an `InvalidResponseError`. Leaving the loop aborts
   * a page in flight.
   * @example
   * for await (const reaction of chat.chatroomMessageReactions.listAll({ chatroom: "42" })) console.log(reaction.emoji);
   */
  listAll(
    query: ChatroomMessageReactionListQuery = {},
    options: ListAllOptions = {},
  ): AsyncGenerator<ChatroomMessageReactionListItem, void, undefined> {
    return walkList(this.#connection, get_chatroom_message_reaction_cget, query, options);
  }

  /**
   * Return single ChatroomMessageReaction (`get_chatroom_message_reaction_get`).
   * @example
   * const reaction = await chat.chatroomMessageReactions.get(5);
   */
  get(id: Id, options?: CallOptions): Promise<ChatroomMessageReaction> {
    return request(this.#connection, get_chatroom_message_reaction_get, { path: { identifier: id } }, options);
  }

  /**
   * Delete a single ChatroomMessageReaction (`delete_chatroom_message_reaction_delete`).
   * @returns the deleted reaction.
   * @throws {@link NotFoundAfterRetryError} when a retry after an attempt that may have deleted it finds it gone:
   *   treat it as deleted (its answer was lost).
   * @example
   * await chat.chatroomMessageReactions.delete(5);
   */
  delete(id: Id, options?: CallOptions): Promise<ChatroomMessageReaction> {
    return request(this.#connection, delete_chatroom_message_reaction_delete, { path: { identifier: id } }, options);
  }
}
