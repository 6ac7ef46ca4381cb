import { get_chatroom_message_cget, get_chatroom_message_get, delete_chatroom_message_delete } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { ChatroomMessage, ChatroomMessageListItem, ChatroomMessageListQuery, ChatroomMessageWatchQuery, Id } from "../types.js";
import { listPage, walkList, type ListAllOptions } from "../core/paginate.js";
import { request } from "../core/request.js";
import { watchList, type WatchOptions } from "../core/watch.js";

/** The messages of chat rooms (staff API): `/api/chat/chatroom_message`. */
export class ChatroomMessages {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Returns a list of all ChatroomMessages (`get_chatroom_message_cget`): one page, filtered.
   * `page` and `pageSize` outside the spec's limits are an `InvalidInputError` before anything is sent.
   * @example
   * const messages = await chat.chatroomMessages.list({ chatroom: "42", orderFieldName: "created", orderFieldSort: "DESC" });
   */
  list(query?: ChatroomMessageListQuery, options?: CallOptions): Promise<ChatroomMessageListItem[]> {
    return listPage(this.#connection, get_chatroom_message_cget, query, options);
  }

  /**
   * Every message the query matches, page after page, until a short page or `maxItems`.
   * `page` and `pageSize` outside the spec's limits are an `InvalidInputError`; a page that breaks the paging
   * (longer than `pageSize`, or only items yielded before) an `InvalidResponseError`. Leaving the loop aborts
   * a page in flight.
   * @example
   * for await (const message of chat.chatroomMessages.listAll({ chatroom: "42" })) console.log(message.message_text);
   */
  listAll(query: ChatroomMessageListQuery = {}, options: ListAllOptions = {}): AsyncGenerator<ChatroomMessageListItem, void, undefined> {
    return walkList(this.#connection, get_chatroom_message_cget, query, options);
  }

  /**
   * The room's new messages as they appear, each once, oldest first: an endless loop that polls the list every
   * `intervalMs` (default 5 s; one list call per poll, more when over half a page arrived), newest first by
   * `id` (`orderFieldName=id`, `orderFieldSort=DESC`), from the newest message when the loop begins (or after
   * the message `since`). Failures the client would retry (connection, 429, 5xx) are waited out with a backoff
   * (doubling up to a minute, or the `Retry-After`); others end the loop with their error. `break` ends it and
   * aborts the request in flight; the `signal` ends it with an `AbortError`.
   * @example
   * for await (const message of chat.chatroomMessages.watch({ chatroom: "42" }, { signal })) console.log(message.message_text);
   */
  watch(
    query: ChatroomMessageWatchQuery,
    options: WatchOptions = {},
  ): AsyncGenerator<ChatroomMessageListItem, void, undefined> {
    // A query that is no object goes as it is, for the first page to refuse: spread, a string's characters would be
    // parameters `0`, `1`, … and null nothing, and the watch would follow every room.
    const ordered = query !== null && typeof query === "object" ? { ...query, orderFieldName: "id", orderFieldSort: "DESC" } : query;
    return watchList(this.#connection, get_chatroom_message_cget, ordered as ChatroomMessageListQuery, options);
  }

  /**
   * Return single ChatroomMessage (`get_chatroom_message_get`).
   * @example
   * const message = await chat.chatroomMessages.get(1001);
   */
  get(id: Id, options?: CallOptions): Promise<ChatroomMessage> {
    return request(this.#connection, get_chatroom_message_get, { path: { identifier: id } }, options);
  }

  /**
   * Delete a single ChatroomMessage (`delete_chatroom_message_delete`).
   * @returns the deleted message.
   * @throws {@link NotFoundAfterRetryError} when a retry after an attempt that may have deleted it finds it gone:
   *   treat it as deleted (its answer was lost).
   * @example
   * await chat.chatroomMessages.delete(1001);
   */
  delete(id: Id, options?: CallOptions): Promise<ChatroomMessage> {
    return request(this.#connection, delete_chatroom_message_delete, { path: { identifier: id } }, options);
  }
}
