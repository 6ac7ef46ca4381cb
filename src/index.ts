export { createChatClient, type ChatClient } from "./client.js";
export type {
  CallOptions,
  ChatClientOptions,
  Logger,
  ResponseValidationMode,
  RetryEvent,
  RetryOptions,
} from "./client-options.js";
export { ChatroomParticipants } from "./resources/chatroom-participants.js";
export type {
  ChatroomParticipant,
  ChatroomParticipantPayload,
  ChatroomRef,
  components,
  operations,
  paths,
} from "./types.js";
export { IwErpError, isIwErpError } from "./errors/IwErpError.js";
export { InvalidInputError } from "./errors/InvalidInputError.js";
export { HttpError, type HttpErrorDetails } from "./errors/HttpError.js";
export {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  SessionError,
} from "./errors/http-errors.js";
export { ConnectionError, type ConnectionPhase } from "./errors/ConnectionError.js";
export { TimeoutError } from "./errors/TimeoutError.js";
export { AbortError } from "./errors/AbortError.js";
export { InvalidResponseError, type InvalidResponseDetails } from "./errors/InvalidResponseError.js";
export { ResponseValidationError, type SchemaIssue } from "./errors/ResponseValidationError.js";
