import { describe, expect, test } from "vitest";
import { MIN_SECRET_LENGTH, REDACTED, Redactor } from "../../src/core/redactor.js";
import { createChatClient, createConnection, InvalidInputError, login, RequestValidationError } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";

/*
 * Issue 19: with a short token ("t") every message became `/id: mus[redacted] be in[redacted]eger`. Session tokens
 * and API keys that short are refused when the client is created; any other short secret (a password, a
 * secret field's value) is redacted only as a whole word.
 */

const BASE = "https://acme.iw-erp.de";

/** The error `make` throws, or a failure when it throws none. */
function thrownBy(make: () => unknown): InvalidInputError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error("expected an InvalidInputError, nothing was thrown");
}

describe("a session token or API key shorter than 8 characters is refused at creation", () => {
  test("a one-character session token is an InvalidInputError that says it is too short and where a real one comes from", () => {
    const error = thrownBy(() => createChatClient({ host: "acme.iw-erp.de", sessionToken: "t" }));

    expect(error.input).toBe("sessionToken");
    expect(error.message).toBe("Invalid sessionToken: is too short: 1 of at least 8 characters. Pass the `session.sessionid` that `login()` returns.");
  });

  test("a seven-character API key is refused by createConnection too, with the hint to create a new key", () => {
    const error = thrownBy(() => createConnection({ host: "acme.iw-erp.de", apiKey: "abcdefg" }));

    expect(error.input).toBe("apiKey");
    expect(error.message).toBe(
      "Invalid apiKey: is too short: 7 of at least 8 characters. Create a new API key in the iwERP user settings and pass it as `apiKey`.",
    );
    expect(error.message).not.toContain("abcdefg");
  });

  test("eight characters are enough, and nothing is sent for a refused credential", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: 42, name: "Support" }));

    expect(() => createChatClient({ baseUrl: BASE, sessionToken: "short", fetch: scripted.fetch })).toThrow(InvalidInputError);
    const chat = createChatClient({ baseUrl: BASE, sessionToken: "x".repeat(MIN_SECRET_LENGTH), fetch: scripted.fetch, logger: false });

    expect(await chat.chatrooms.get(42)).toEqual({ id: 42, name: "Support" });
    expect(scripted.requests).toHaveLength(1);
  });
});

describe("a short secret is redacted only as a whole word", () => {
  const redactor = new Redactor(["t"]);

  test("a message that holds its letter inside words is left whole", () => {
    expect(redactor.text("/id: must be integer")).toBe("/id: must be integer");
  });

  test("the secret standing alone is redacted, as given, quoted, percent-encoded and HTML-escaped", () => {
    expect(redactor.text("token t expired")).toBe(`token ${REDACTED} expired`);
    expect(redactor.text('{"token":"t"}')).toBe(`{"token":"${REDACTED}"}`);
    expect(redactor.text("?token=%74&x=1")).toBe(`?token=${REDACTED}&x=1`);
    expect(redactor.text("t at the start, and at the end: t")).toBe(`${REDACTED} at the start, and at the end: ${REDACTED}`);
    expect(redactor.text("<b>&#116;</b>")).toBe(`<b>${REDACTED}</b>`);
  });

  test("short and long secrets together: the long one anywhere, the short one as a word", () => {
    const both = new Redactor(["pw", "long-SECRET-1"]);

    expect(both.text("xlong-SECRET-1x; password pw; pwned")).toBe(`x${REDACTED}x; password ${REDACTED}; pwned`);
  });

  test("a session id the server gave at login is used however short it is (the server decides), and messages stay whole", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: 1, sessionid: "string", valid: true }), jsonResponse(404, { detail: "no substring matches string" }));

    const { client } = await login({ baseUrl: BASE, username: "ada", password: "pw-SECRET-789", fetch: scripted.fetch, logger: false });
    const error = await client.chatrooms.get(42).catch((e: unknown) => e);

    expect(scripted.requests[1]?.headers.get("x-session-token")).toBe("string");
    expect((error as Error).message).toContain(`no substring matches ${REDACTED}`);
  });

  test("a login with a short password reports the server's message unmangled, the password itself redacted", async () => {
    const answer = jsonResponse(422, { detail: "password a is wrong" }, { "x-iw-error-json": JSON.stringify(["/id: must be integer", "password a is wrong"]) });
    const scripted = createScriptedFetch(answer);

    const error = await login({ baseUrl: BASE, username: "ada", password: "a", fetch: scripted.fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).messages).toEqual(["/id: must be integer", `password ${REDACTED} is wrong`]);
    expect((error as RequestValidationError).message).toContain(`/id: must be integer; password ${REDACTED} is wrong.`);
  });
});
