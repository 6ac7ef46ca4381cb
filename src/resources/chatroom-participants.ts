import {
  get_chatroom_participant_cget,
  post_chatroom_participant_post,
  put_chatroom_participant_put,
  delete_chatroom_participant_delete,
} from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { ChatroomParticipant, ChatroomParticipantListItem, ChatroomParticipantListQuery, ChatroomParticipantPayload, Id } from "../types.js";
import { listPage, walkList, type ListAllOptions } from "../core/paginate.js";
import { request } from "../core/request.js";

/** The participants of chat rooms: `/api/chat/chatroom_participant`. */
export class ChatroomParticipants {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Returns a list of all ChatroomParticipants (`get_chatroom_participant_cget`): one page, filtered.
   * `page` and `pageSize` outside the spec's limits are an `InvalidInputError` before anything is sent.
   * @example
   * const firstPage = await chat.chatroomParticipants.list({ chatroom: "42", pageSize: 20 });
   */
  list(query?: ChatroomParticipantListQuery, options?: CallOptions): Promise<ChatroomParticipantListItem[]> {
    return listPage(this.#connection, get_chatroom_participant_cget, query, options);
  }

  /**
   * Every participant the query matches, page after page (`page` from the query's, `pageSize` items each)
   * until a short page or `maxItems`; each page is fetched when the one before is used up.
   * `page` and `pageSize` outside the spec's limits are an `InvalidInputError`; a page that breaks the paging
   * (longer than `pageSize`, or only items yielded before) an `InvalidResponseError`. Leaving the loop aborts
   * a page in flight.
   * @example
   * for await (const participant of chat.chatroomParticipants.listAll({ chatroom: "42" }, { maxItems: 500 })) {
   *   console.log(participant.first_name);
   * }
   */
  listAll(query: ChatroomParticipantListQuery = {}, options: ListAllOptions = {}): AsyncGenerator<ChatroomParticipantListItem, void, undefined> {
    return walkList(this.#connection, get_chatroom_participant_cget, query, options);
  }

  /**
   * Add a new ChatroomParticipant (`post_chatroom_participant_post`). The room is referenced through
   * `participant.chatroom` (e.g. its `id`). A POST creates a record, so it is not retried when the server
   * may have processed it (see `RetryOptions`): the client never adds a participant twice.
   * @returns the participant as the server stored it.
   * @throws {@link InvalidInputError} before sending, when `participant` is not plain JSON data or `options` are malformed.
   * @throws {@link HttpError} a subclass by status, e.g. `AuthenticationError` for 401.
   * @throws {@link ConnectionError} | {@link TimeoutError} | {@link AbortError} | {@link InvalidResponseError} | {@link ResponseValidationError}
   * @example
   * const participant = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
   */
  add(participant: ChatroomParticipantPayload, options?: CallOptions): Promise<ChatroomParticipant> {
    return request(this.#connection, post_chatroom_participant_post, { body: participant }, options, "participant");
  }

  /**
   * Update single ChatroomParticipant (`put_chatroom_participant_put`).
   * @example
   * const participant = await chat.chatroomParticipants.update(7, { is_muted: true });
   */
  update(id: Id, participant: ChatroomParticipantPayload, options?: CallOptions): Promise<ChatroomParticipant> {
    return request(this.#connection, put_chatroom_participant_put, { path: { identifier: id }, body: participant }, options, "participant");
  }

  /**
   * Delete a single ChatroomParticipant (`delete_chatroom_participant_delete`).
   * @returns the deleted participant.
   * @throws {@link NotFoundAfterRetryError} when a retry after an attempt that may have deleted it finds it gone:
   *   treat it as deleted (its answer was lost).
   * @example
   * const removed = await chat.chatroomParticipants.delete(7);
   */
  delete(id: Id, options?: CallOptions): Promise<ChatroomParticipant> {
    return request(this.#connection, delete_chatroom_participant_delete, { path: { identifier: id } }, options);
  }
}
