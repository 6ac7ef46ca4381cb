import {
  AuthenticationError,
  ConflictError,
  createChatClient,
  login,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  type HttpError,
  type OperationId,
} from "../../src/index.js";
import type { FakeFault, FakeTenant, FakeTenantOptions } from "../../src/testing/index.js";
import { BASE_URL, checkedFetch, type createFakeClient } from "./create-fake-client.js";

/** One way the fake answers with an error, as an app meets it through the client. */
export interface ErrorCase {
  name: string;
  /** Options of the tenant besides `softErrors`. */
  options?: FakeTenantOptions;
  /** Prepares the tenant (a fault, an ended session) before the call. */
  arrange?: (tenant: FakeTenant) => void;
  /** Calls through the clients of `createFakeClient` (`chat` with the staff session, `portal` with the customer's). */
  call: (clients: ReturnType<typeof createFakeClient>) => Promise<unknown>;
  /** The error's code, in `X-IW-ERROR-CODE` (and the HTTP status unless errors are soft). */
  code: number;
  messages: readonly string[];
  errorClass: new (...args: never[]) => HttpError;
}

const GRACE = { chatroom: { id: 42 }, first_name: "Grace" };

/** A client of `tenant` with another session token. */
const withToken = (tenant: FakeTenant, sessionToken: string) => createChatClient({ baseUrl: BASE_URL, sessionToken, fetch: checkedFetch(tenant), retry: false, logger: false });

/** A fault injected into `operationId`: the error carries its status, and its message or the fake's default one. */
function fault(
  name: string,
  operationId: OperationId,
  given: FakeFault & { status: number },
  errorClass: ErrorCase["errorClass"],
  call: ErrorCase["call"],
): ErrorCase {
  const messages = [given.message ?? `Fault injected by the fake tenant (${given.status})`];
  return { name, arrange: (tenant) => tenant.fail(operationId, given), call, code: given.status, messages, errorClass };
}

/** Every error the fake gives that a client call can meet: refused credentials, missing records, invalid requests, faults. */
export const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: "an unknown session token",
    call: ({ tenant }) => withToken(tenant, "not-a-session").chatrooms.get(42),
    code: 401,
    messages: ["Invalid or expired session: log in again"],
    errorClass: AuthenticationError,
  },
  {
    name: "an ended session",
    arrange: (tenant) => tenant.endSession(tenant.sessionToken),
    call: ({ chat }) => chat.chatroomParticipants.list(),
    code: 401,
    messages: ["Invalid or expired session: log in again"],
    errorClass: AuthenticationError,
  },
  {
    name: "a login with a wrong password",
    call: ({ tenant }) => login({ baseUrl: BASE_URL, username: "ada@example.org", password: "wrong", fetch: checkedFetch(tenant), retry: false, logger: false }),
    code: 401,
    messages: ["Invalid username or password"],
    errorClass: AuthenticationError,
  },
  {
    name: "a staff session on the customer portal",
    call: ({ chat }) => chat.customerPortal.chatroomMessages.get(42),
    code: 403,
    messages: ["This is a customer-portal operation: send a customer's session token; a staff session or API key cannot use it"],
    errorClass: PermissionDeniedError,
  },
  {
    name: "a customer's session on a staff operation",
    call: ({ portal }) => portal.chatrooms.get(42),
    code: 403,
    messages: ["A customer's session cannot use this operation: send a staff session token or an API key"],
    errorClass: PermissionDeniedError,
  },
  {
    name: "a chat room that does not exist",
    call: ({ chat }) => chat.chatrooms.get(7),
    code: 404,
    messages: ["Chatroom 7 not found"],
    errorClass: NotFoundError,
  },
  {
    name: "deleting a participant that does not exist",
    call: ({ chat }) => chat.chatroomParticipants.delete(404),
    code: 404,
    messages: ["ChatroomParticipant 404 not found"],
    errorClass: NotFoundError,
  },
  {
    name: "a reaction in the customer portal to a message that does not exist",
    call: ({ portal }) => portal.customerPortal.chatroomMessageReactions.add(404, { emoji: "🎉" }),
    code: 404,
    messages: ["ChatroomMessage 404 not found"],
    errorClass: NotFoundError,
  },
  {
    name: "a participant of a room that does not exist",
    call: ({ chat }) => chat.chatroomParticipants.add({ chatroom: { id: 7 }, first_name: "Eve" }),
    code: 422,
    messages: ["data.chatroom.id: names no Chatroom: there is none with id 7"],
    errorClass: RequestValidationError,
  },
  {
    name: "a body field of the wrong type",
    call: ({ chat }) => chat.chatrooms.update(42, { name: 42 as never }),
    code: 422,
    messages: ["data.name: must be string"],
    errorClass: RequestValidationError,
  },
  {
    name: "a query value the spec refuses",
    call: ({ chat }) => chat.request("get_chatroom_participant_cget", { query: { orderFieldSort: "UP" as never } }),
    code: 422,
    messages: ['query.orderFieldSort: must be one of DESC, ASC (got "UP")'],
    errorClass: RequestValidationError,
  },
  {
    name: "a create after the ids ran out",
    options: { firstId: Number.MAX_SAFE_INTEGER },
    arrange: (tenant) => tenant.insert({ participants: [{ chatroom: { id: 42 } }] }),
    call: ({ chat }) => chat.chatroomParticipants.add(GRACE),
    code: 507,
    messages: [
      "the fake tenant has no id left for a new ChatroomParticipant: new ids count up from firstId (or one past the highest id) and may not pass Number.MAX_SAFE_INTEGER; use a smaller firstId",
    ],
    errorClass: ServerError,
  },
  fault("a 401 fault", "get_chatroom_get", { status: 401, message: "JWT expired" }, AuthenticationError, ({ chat }) =>
    chat.chatrooms.get(42),
  ),
  fault("a 409 fault", "put_chatroom_participant_put", { status: 409, message: "Changed by someone else" }, ConflictError, (c) =>
    c.chat.chatroomParticipants.update(42, { is_muted: true }),
  ),
  fault("a 429 fault with Retry-After", "get_chatroom_message_cget", { status: 429, retryAfter: 30 }, RateLimitError, ({ chat }) =>
    chat.chatroomMessages.list(),
  ),
  fault("a 500 fault on a POST", "post_chatroom_participant_post", { status: 500 }, ServerError, ({ chat }) =>
    chat.chatroomParticipants.add(GRACE),
  ),
  fault("a 503 fault", "get_chatroom_get", { status: 503, retryAfter: 1 }, ServerError, ({ chat }) => chat.chatrooms.get(42)),
];
