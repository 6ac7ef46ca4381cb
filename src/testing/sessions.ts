import type { Session } from "../types.js";
import type { Credentials } from "./credentials.js";
import type { Issue } from "./issues.js";
import type { FakeUser } from "./options.js";
import { failure, invalid, type Reply } from "./replies.js";
import { project } from "./shapes.js";

/** The login's fields; all strings in the spec (`Login`). */
export const LOGIN_FIELDS = ["username", "password", "token"] as const;

/** The session number `n` as the fake answers it: `sessionid` is the token the fake now accepts. */
export function sessionReply(n: number, sessionid: string, start: string, how: { apiKey: boolean }): Reply {
  const session: Session = {
    id: n,
    sessionid,
    selectedcustomer: { id: 1, displayname: "Fake tenant", deleted: false, created: start, updated: start },
    start,
    refreshed_start: start,
    ip: "127.0.0.1",
    valid: true,
    is_api_key: how.apiKey,
    is_dg: false,
    missing2fa: false,
    start_in_vpn: false,
    auth_by_credentials: !how.apiKey,
    auth_by_google: false,
    auth_by_microsoft: false,
    auth_by_cloudflare: false,
  };
  return { status: 200, body: project(session, "Session") };
}

/**
 * Answers `POST /api/logins` for the credentials in `login`: 422 for a field that is not a string, 401 with
 * the iwERP error headers for credentials no user has (any will do with `users: "anyone"`), else a new staff
 * session whose `sessionid` (`fake-session-1`, `fake-session-2`, …) the fake accepts from then on.
 */
export function logIn(credentials: Credentials, users: readonly FakeUser[] | "anyone", login: Record<string, unknown>, now: () => string): Reply {
  const issues: Issue[] = LOGIN_FIELDS.filter((field) => login[field] !== undefined && typeof login[field] !== "string").map((field) => ({
    path: ["body", "login", field],
    message: "must be string",
  }));
  if (issues.length > 0) return invalid(issues);
  const known =
    users === "anyone" ||
    users.some((user) => user.username === login.username && user.password === login.password && (user.token === undefined || user.token === login.token));
  if (!known) return failure(401, ["Invalid username or password"]);
  const { n, token } = credentials.open("session", (number) => `fake-session-${number}`);
  return sessionReply(n, token, now(), { apiKey: false });
}
