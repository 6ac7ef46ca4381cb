import type { components } from "../generated/openapi.js";

export type { components, operations, paths } from "../generated/openapi.js";

/** A participant of a chat room, as the API sends and accepts it. Every field is optional. */
export type ChatroomParticipant = components["schemas"]["ChatroomParticipant"];

/** The chat room embedded in a participant (`participant.chatroom`). */
export type ChatroomRef = components["schemas"]["ChatroomRef"];

/** The body of `POST /api/chat/chatroom_participant`: the participant wrapped in `data`. */
export type ChatroomParticipantPayload = components["schemas"]["ChatroomParticipantPayload"];
