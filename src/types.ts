import type { QueryOf } from "./core/operation-types.js";

export type { components, operations, paths } from "../generated/openapi.js";
export type { BodyOf, ItemOf, OperationId, PathParamsOf, QueryOf, RequestInput, ResultOf } from "./core/operation-types.js";

// The entities, one declaration each as `npm run generate` writes them from the spec's schemas (with the
// schema's description as JSDoc), so hovers and errors name them. `X` is the record as the server returns it
// (its `id` always there); `XPayload` what a write sends as X (every field optional).
export type {
  Chatroom,
  ChatroomMessage,
  ChatroomMessageAttachment,
  ChatroomMessageListItem,
  ChatroomMessageReaction,
  ChatroomMessageReactionInMessage,
  ChatroomMessageReactionInMessageListItem,
  ChatroomMessageReactionListItem,
  ChatroomMessageRef,
  ChatroomParticipant,
  ChatroomParticipantInChatroom,
  ChatroomParticipantListItem,
  ChatroomParticipantPayload,
  ChatroomParticipantRef,
  ChatroomPayload,
  ChatroomRef,
  CustomerChatroomMessage,
  CustomerChatroomMessageAttachment,
  CustomerChatroomMessagePayload,
  CustomerChatroomMessageReaction,
  CustomerChatroomMessageReactionPayload,
  Login,
  SelectedCustomer,
  Session,
} from "../generated/openapi.js";

/**
 * An entity's id wherever it goes into a URL: a path id (`chatrooms.get(42)`) or a list filter by id
 * (`list({ chatroom: 42 })`). The spec documents these as strings, the entities' `id`s are integers; both are
 * written the same into the URL, so either is taken. Inside a body an id is what the entity's JSON holds, an
 * integer (`chatroom: { id: 42 }`).
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
