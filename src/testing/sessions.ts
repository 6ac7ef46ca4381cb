import type { Session } from "../types.js";
import type { Issue } from "./issues.js";
import type { FakeUser } from "./options.js";
import { failure, invalid, type Reply } from "./replies.js";
import { project } from "./shapes.js";

/** The login's fields; all strings in the spec (`Login`). */
export const LOGIN_FIELDS = ["username", "password", "token"] as const;

/** The session tokens a fake tenant accepts, and the users who can log in for more. */
export class Sessions {
  readonly #tokens: Set<string>;
  readonly #users: readonly FakeUser[] | "anyone";
  #opened = 0;

  constructor(tokens: readonly string[], users: readonly FakeUser[] | "anyone") {
    this.#tokens = new Set(tokens);
    this.#users = users;
  }

  /** The first token accepted, if any. */
  get first(): string | undefined {
    return this.#tokens.values().next().value;
  }

  accepts(token: string | null): boolean {
    return token !== null && this.#tokens.has(token);
  }

  /** Stops accepting `token`; true when it was accepted. */
  end(token: string): boolean {
    return this.#tokens.delete(token);
  }

  /**
   * Answers `POST /api/logins` for the credentials in `login`: 422 for a field that is not a string, 401 with
   * the iwERP error headers for credentials no user has (any will do with `users: "anyone"`), else a new session whose `sessionid` (`fake-session-1`,
   * `fake-session-2`, …) the fake accepts from then on.
   */
  login(login: Record<string, unknown>, now: () => string): Reply {
    const issues: Issue[] = LOGIN_FIELDS.filter((field) => login[field] !== undefined && typeof login[field] !== "string").map((field) => ({
      path: ["body", "login", field],
      message: "must be string",
    }));
    if (issues.length > 0) return invalid(issues);
    const known =
      this.#users === "anyone" ||
      this.#users.some(
        (user) => user.username === login.username && user.password === login.password && (user.token === undefined || user.token === login.token),
      );
    if (!known) return failure(401, ["Invalid username or password"]);
    return this.#open("fake-session", now);
  }

  /**
   * Answers `GET /api/base/api_token/create_jwt`: a new token (`fake-api-token-1`, …) the fake accepts from then
   * on, in a session with `is_api_key: true`. The reference does not say where the JWT is in the answer;
   * `sessionid` is the fake's choice. The query's restrictions are not enforced.
   */
  createApiToken(now: () => string): Reply {
    return this.#open("fake-api-token", now);
  }

  /** Opens a session whose token starts with `prefix` and accepts it from then on. */
  #open(prefix: "fake-session" | "fake-api-token", now: () => string): Reply {
    let sessionid: string;
    do sessionid = `${prefix}-${++this.#opened}`;
    while (this.#tokens.has(sessionid));
    this.#tokens.add(sessionid);
    const start = now();
    const apiKey = prefix === "fake-api-token";
    const session: Session = {
      id: this.#opened,
      sessionid,
      selectedcustomer: { id: 1, displayname: "Fake tenant", deleted: false, created: start, updated: start },
      start,
      refreshed_start: start,
      ip: "127.0.0.1",
      valid: true,
      is_api_key: apiKey,
      is_dg: false,
      missing2fa: false,
      start_in_vpn: false,
      auth_by_credentials: !apiKey,
      auth_by_google: false,
      auth_by_microsoft: false,
      auth_by_cloudflare: false,
    };
    return { status: 200, body: project(session, "Session") };
  }
}
