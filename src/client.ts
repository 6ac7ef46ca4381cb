import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import type { ChatClientOptions } from "./client-options.js";
import { limitBody } from "./core/limit-body.js";
import { Redactor } from "./core/redactor.js";
import { resolveClientOptions } from "./core/resolve-options.js";
import { ChatroomParticipants } from "./resources/chatroom-participants.js";
import type { paths } from "./types.js";

/** A client for one iwERP tenant's chat API. */
export interface ChatClient {
  /** Chat room participants: `add`. */
  readonly chatroomParticipants: ChatroomParticipants;
  /**
   * The underlying openapi-fetch client, typed by the spec's `paths`, for anything the methods above do
   * not cover. It sends the token, the headers and the `iw-build-id` / `iw-package-id` parameters, and
   * follows no redirects (a 3xx comes back as the response), but has no timeouts, retries or typed
   * errors: it returns `{ data, error, response }`.
   */
  readonly raw: Client<paths>;
  /** The base URL every call goes to, e.g. `https://acme.iw-erp.de`. */
  readonly baseUrl: string;
}

/**
 * Creates a client for the chat API of one iwERP tenant. Options are checked here: a bad host, a missing
 * or malformed token or a bad timeout throws an `InvalidInputError` before anything is sent.
 *
 * @example
 * import { createChatClient } from "iwerp-chat-client";
 *
 * const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken: process.env.IWERP_SESSION_TOKEN! });
 * const participant = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const config = resolveClientOptions(options);
  const ids: Record<string, string> = {};
  if (config.buildId !== undefined) ids["iw-build-id"] = config.buildId;
  if (config.packageId !== undefined) ids["iw-package-id"] = config.packageId;
  const serializeQuery = createQuerySerializer();
  const raw = createClient<paths>({
    baseUrl: config.baseUrl,
    // `raw` reads no more than `maxResponseBytes` either (a small compressed body may inflate to gigabytes).
    fetch: async (request) => limitBody(await config.fetch(request), config.maxResponseBytes),
    headers: { ...config.headers, "x-session-token": config.sessionToken },
    // A redirect followed to another host would carry the session token there.
    redirect: "manual",
    // The ids go on every call, through this client's methods and `raw` alike.
    querySerializer: (query) => serializeQuery({ ...ids, ...(query as Record<string, unknown>) }),
  });
  const redactor = new Redactor([config.sessionToken], ["ai_auto_close_secret_word"]);
  return {
    chatroomParticipants: new ChatroomParticipants(config, raw, redactor),
    raw,
    baseUrl: config.baseUrl,
  };
}
