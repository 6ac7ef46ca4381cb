/**
 * The iwERP chat API client: `createChatClient` (or `login`) gives a client with one resource per part of the API
 * (`chat.chatroomParticipants.add(…)`), typed from the spec; every failure is an `IwErpError`.
 * @module iwerp-chat-client
 */
export { createChatClient, type ChatClient } from "./client.js";
export { createConnection, type Connection } from "./create-connection.js";
export { login, type LoginOptions, type LoginResult } from "./login.js";
export type {
  ApiKeyCredential,
  CallOptions,
  ChatClientOptions,
  ConnectionOptions,
  Logger,
  ResponseValidationMode,
  RetryEvent,
  RetryOptions,
  SessionTokenCredential,
} from "./client-options.js";
export type { ListAllOptions } from "./core/paginate.js";
export type { WatchOptions } from "./core/watch.js";
export { ApiTokens } from "./resources/api-tokens.js";
export { Chatrooms } from "./resources/chatrooms.js";
export { ChatroomParticipants } from "./resources/chatroom-participants.js";
export { ChatroomMessages } from "./resources/chatroom-messages.js";
export { ChatroomMessageReactions } from "./resources/chatroom-message-reactions.js";
export { CustomerChatroomMessageReactions, CustomerChatroomMessages, type CustomerPortal } from "./resources/customer-portal.js";
// The spec's types (every schema by name, `paths`, `components`, `operations`), the call types and the list queries.
export type * from "./types.js";
export { IwErpError, isIwErpError } from "./errors/IwErpError.js";
export { InvalidInputError } from "./errors/InvalidInputError.js";
export { HttpError, type HttpErrorDetails } from "./errors/HttpError.js";
export {
  AuthenticationError,
  ConflictError,
  NotFoundAfterRetryError,
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
