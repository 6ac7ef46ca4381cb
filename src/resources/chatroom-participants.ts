import type { Client } from "openapi-fetch";
import { validateChatroomParticipant } from "../../generated/validators.js";
import type { CallOptions } from "../client-options.js";
import { execute } from "../core/execute.js";
import { checkJsonBody } from "../core/json-body.js";
import { Redactor } from "../core/redactor.js";
import { resolveCallOptions, type ClientConfig } from "../core/resolve-options.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import type { ChatroomParticipant, paths } from "../types.js";

const PATH = "/api/chat/chatroom_participant";

/** The participants of chat rooms: `POST /api/chat/chatroom_participant`. */
export class ChatroomParticipants {
  readonly #config: ClientConfig;
  readonly #raw: Client<paths>;
  readonly #redactor: Redactor;

  /** @internal Created by `createChatClient`. */
  constructor(config: ClientConfig, raw: Client<paths>, redactor: Redactor) {
    this.#config = config;
    this.#raw = raw;
    this.#redactor = redactor;
  }

  /**
   * Add a new ChatroomParticipant (`POST /api/chat/chatroom_participant`, operation
   * `post_chatroom_participant_post`). The room is referenced through `participant.chatroom` (e.g. its `id`).
   *
   * Not retried when the server may have processed it (see `RetryOptions`), so a participant is never
   * added twice by the client. Redirects are not followed, so the session token goes to no other host.
   *
   * @returns the participant as the server stored it.
   * @throws {InvalidInputError} before sending, when `participant` (e.g. not JSON-serializable) or `options` are malformed.
   * @throws {HttpError} a subclass by status, e.g. `AuthenticationError` for 401.
   * @throws {ConnectionError | TimeoutError | AbortError | InvalidResponseError | ResponseValidationError}
   * @example
   * const participant = await chat.chatroomParticipants.add({ chatroom: { id: 42 }, first_name: "Ada" });
   */
  async add(participant: ChatroomParticipant, options?: CallOptions): Promise<ChatroomParticipant> {
    const where = { method: "POST", url: `${this.#config.baseUrl}${PATH}` };
    let call, body, redactor;
    try {
      checkJsonBody("participant", participant);
      call = resolveCallOptions(this.#config, options);
      const secretWord = participant.ai_auto_close_secret_word;
      redactor = this.#redactor.with([typeof secretWord === "string" ? secretWord : undefined]);
      // Serialized once: every attempt sends the same bytes.
      body = JSON.stringify({ data: participant });
    } catch (error) {
      throw error instanceof InvalidInputError ? error.of(where) : error;
    }
    const data = await execute(this.#config, call, {
      ...where,
      redactor,
      check: validateChatroomParticipant,
      shape: "object",
      attempt: (init) => this.#raw.POST(PATH, { body: { data: participant }, bodySerializer: () => body, ...init }),
    });
    return data as ChatroomParticipant;
  }
}
