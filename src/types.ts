import type { QueryOf } from "./core/operation-types.js";

export type { BodyOf, ItemOf, OperationId, PathParamsOf, QueryOf, RequestInput, ResultOf } from "./core/operation-types.js";

// The spec's types as `npm run generate` writes them: `paths`, `components`, `operations`, and each schema as a named
// declaration (with the schema's description as JSDoc), so hovers and errors name them and a new schema is exported
// with no edit here. `X` is the record as the server returns it (its `id` always there); `XPayload` what a write
// sends as X (every field optional).
export type * from "../generated/openapi.js";

/**
 * An entity's id, wherever you give one: a path id (`chatrooms.get(42)`), a list filter by id
 * (`list({ chatroom: 42 })`) or an id in a body (`add({ chatroom: { id: 42 } })`, a payload's own `id`). The rule:
 * an id is a whole number or a string of digits (`42` or `"42"`). In a URL it is written as given (URL-encoded); in a JSON body
 * the client sends it as the integer the API documents (`"42"` goes out as `42`), and a string in a body that is
 * not a whole number (`"abc"`, `"4.2"`, `""`, `" 42"`) is an `InvalidInputError` naming the field
 * (`participant.chatroom.id`) before anything is sent. Records the server returns carry their ids as numbers.
 */
export type Id = number | string;

// The list queries and the token query are interfaces (not aliases), so that hovers and errors print their names.

/** The filters and paging of `chatroomParticipants.list` and `.listAll` (`GET /api/chat/chatroom_participant`). */
export interface ChatroomParticipantListQuery extends QueryOf<"get_chatroom_participant_cget"> {}

/** The filters and paging of `chatroomMessages.list` and `.listAll` (`GET /api/chat/chatroom_message`). */
export interface ChatroomMessageListQuery extends QueryOf<"get_chatroom_message_cget"> {}

/**
 * The filters of `chatroomMessages.watch`: those of the message list, without the paging and order the watch
 * sets itself and without `deleted` (a watch yields messages as they appear).
 */
export type ChatroomMessageWatchQuery = Omit<ChatroomMessageListQuery, "page" | "orderFieldName" | "orderFieldSort" | "deleted" | "withMaxPageNumber">;

/** The filters and paging of `chatroomMessageReactions.list` and `.listAll` (`GET /api/chat/chatroom_message_reaction`). */
export interface ChatroomMessageReactionListQuery extends QueryOf<"get_chatroom_message_reaction_cget"> {}

/** What `apiTokens.create` sends: scopes, allowed path and method, lifetime and access of the new token. */
export interface CreateApiTokenQuery extends QueryOf<"get_api_token_create_jwt_action"> {}

/**
 * What `chatrooms.update` sends.
 * @deprecated Use `ChatroomPayload`, the same type.
 */
export type ChatroomUpdate = import("../generated/openapi.js").ChatroomPayload;
