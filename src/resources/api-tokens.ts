import { get_api_token_create_jwt_action } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import type { Connection } from "../core/connection.js";
import type { CreateApiTokenQuery, Session } from "../types.js";
import { request } from "../core/request.js";

/** JWT login tokens (API keys): `GET /api/base/api_token/create_jwt`. */
export class ApiTokens {
  readonly #connection: Connection;

  /** A resource over `connection` (from `createConnection`); `createChatClient` makes one of each. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Creates a new JWT Login Token (`get_api_token_create_jwt_action`), e.g. a short-lived one limited to some
   * scopes, a path and a method, for a pipeline. Returns the session object the reference documents (a `Session`);
   * where the new JWT is in it the reference does not say. Default query: none (the server's defaults).
   * @example
   * const session = await chat.apiTokens.create({ validSeconds: 3600, maxUserAccessType: 0, allowedMethod: "GET" });
   */
  create(query: CreateApiTokenQuery = {}, options?: CallOptions): Promise<Session> {
    return request(this.#connection, get_api_token_create_jwt_action, { query }, options);
  }
}
