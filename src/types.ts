import type { components } from "../generated/openapi.js";
import type { BodyOf, QueryOf } from "./core/operation-types.js";

export type { components, operations, paths } from "../generated/openapi.js";
export type { BodyOf, ItemOf, OperationId, PathParamsOf, QueryOf, RequestInput, ResultOf } from "./core/operation-types.js";

type Schemas = components["schemas"];

/** A chat room with its participants (`GET`/`PUT /api/chat/chatroom/{identifier}`). */
export type Chatroom = Schemas["Chatroom"];
/** The chat room embedded in a participant, message or reaction. */
export type ChatroomRef = Schemas["ChatroomRef"];
/** A participant of a chat room, as the API sends and accepts it. Every field is optional. */
export type ChatroomParticipant = Schemas["ChatroomParticipant"];
/** A participant as a list shows it: without the room and the `ai_*` / `auto_*` fields. */
export type ChatroomParticipantListItem = Schemas["ChatroomParticipantListItem"];
/** The participant embedded in a message or reaction. */
export type ChatroomParticipantRef = Schemas["ChatroomParticipantRef"];
/** The body of `POST /api/chat/chatroom_participant`: the participant wrapped in `data`. */
export type ChatroomParticipantPayload = Schemas["ChatroomParticipantPayload"];
/** A chat message (staff API). */
export type ChatroomMessage = Schemas["ChatroomMessage"];
/** A chat message as a list shows it. */
export type ChatroomMessageListItem = Schemas["ChatroomMessageListItem"];
/** A reaction to a message (staff API). */
export type ChatroomMessageReaction = Schemas["ChatroomMessageReaction"];
/** A reaction as a list shows it. */
export type ChatroomMessageReactionListItem = Schemas["ChatroomMessageReactionListItem"];
/** A chat message as the customer portal shows and updates it. */
export type CustomerChatroomMessage = Schemas["CustomerChatroomMessage"];
/** A reaction as the customer portal adds it. */
export type CustomerChatroomMessageReaction = Schemas["CustomerChatroomMessageReaction"];
/** The credentials of `POST /api/logins`. */
export type Login = Schemas["Login"];
/** What `POST /api/logins` (and `GET /api/base/api_token/create_jwt`) returns: `sessionid` is the session token. */
export type Session = Schemas["Session"];

/** The filters and paging of `chatroomParticipants.list`. */
export type ChatroomParticipantListQuery = QueryOf<"get_chatroom_participant_cget">;
/** The filters and paging of `chatroomMessages.list`. */
export type ChatroomMessageListQuery = QueryOf<"get_chatroom_message_cget">;
/** The filters and paging of `chatroomMessageReactions.list`. */
export type ChatroomMessageReactionListQuery = QueryOf<"get_chatroom_message_reaction_cget">;
/** What `chatrooms.update` sends. */
export type ChatroomUpdate = BodyOf<"put_chatroom_put">;
/** What `apiTokens.create` sends: scopes, allowed path and method, lifetime and access of the new token. */
export type CreateApiTokenQuery = QueryOf<"get_api_token_create_jwt_action">;
