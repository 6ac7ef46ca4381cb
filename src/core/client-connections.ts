import type { Connection } from "./connection.js";

/**
 * The connection behind each client `createChatClient` made, for `createRawClient(chat)` (the `iwerp-chat-client/raw`
 * entry). A WeakMap rather than a property of the client: the connection holds the credential, which `{ ...chat }`,
 * `JSON.stringify(chat)` or a logged client must never show, and a client it holds can still be collected.
 */
export const CLIENT_CONNECTIONS = new WeakMap<object, Connection>();
