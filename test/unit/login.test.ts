import { describe, expect, test } from "vitest";
import { AuthenticationError, InvalidInputError, InvalidResponseError, login, RequestValidationError } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { printedForms } from "../support/secrets.js";
import { startStandIn } from "../../scripts/lib/stand-in.mjs";

const PASSWORD = "pw-SECRET-789";
const SESSION = "sess-SECRET-321";
const SECOND_FACTOR = "2fa-SECRET-654";

describe("login", () => {
  test("posts the credentials in the `login` envelope without a token, and returns the session and a client that uses it", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: 1, sessionid: SESSION, valid: true }), jsonResponse(200, { id: 42, name: "Support" }));

    const { session, client } = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada@example.org", password: PASSWORD, fetch: scripted.fetch, tokenIdentifiers: "iw-external" });
    const room = await client.chatrooms.get(42);

    const [sent, next] = scripted.requests as [Request, Request];
    expect(sent.method).toBe("POST");
    expect(new URL(sent.url).pathname).toBe("/api/logins");
    expect(new URL(sent.url).searchParams.get("tokenIdentifiers")).toBe("iw-external");
    expect(sent.headers.get("x-session-token")).toBeNull();
    expect(JSON.parse(await sent.text())).toEqual({ login: { username: "ada@example.org", password: PASSWORD } });
    expect(session).toEqual({ id: 1, sessionid: SESSION, valid: true });
    expect(next.headers.get("x-session-token")).toBe(SESSION);
    expect(room).toEqual({ id: 42, name: "Support" });
  });

  test("wrong credentials: an AuthenticationError in which the password appears nowhere, even where the server echoes it", async () => {
    const echo = jsonResponse(401, { detail: `wrong password ${PASSWORD}`, login: { password: PASSWORD } }, { "x-iw-error-json": JSON.stringify([`bad ${encodeURIComponent(PASSWORD)}`]) });
    const scripted = createScriptedFetch(echo);

    const error = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada", password: PASSWORD, fetch: scripted.fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    for (const text of printedForms(error)) expect(text).not.toContain(PASSWORD);
    expect((error as AuthenticationError).body).toEqual({ detail: "wrong password [redacted]", login: { password: "[redacted]" } });
    expect(scripted.requests).toHaveLength(1);
  });

  test("a session that breaks the spec is reported without its session id", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: "one", sessionid: SESSION }));
    const lines: string[] = [];

    const error = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada", password: PASSWORD, fetch: scripted.fetch, validateResponses: "throw", logger: { info: () => {}, warn: (l) => lines.push(l) } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "ResponseValidationError" });
    for (const text of [...printedForms(error), ...lines]) expect(text).not.toContain(SESSION);
  });

  test("the second-factor token is redacted like the password, also where a 422 echoes it encoded", async () => {
    const echo = jsonResponse(
      422,
      { detail: `token ${SECOND_FACTOR} expired`, login: { token: "whatever the server says" } },
      { "x-iw-error-json": JSON.stringify([`bad token ${encodeURIComponent(SECOND_FACTOR)}`]) },
    );
    const scripted = createScriptedFetch(echo);

    const error = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada", password: PASSWORD, token: SECOND_FACTOR, fetch: scripted.fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestValidationError);
    for (const text of printedForms(error)) expect(text).not.toContain(SECOND_FACTOR);
    expect((error as RequestValidationError).body).toEqual({ detail: "token [redacted] expired", login: { token: "[redacted]" } });
    expect((error as RequestValidationError).messages).toEqual(["bad token [redacted]"]);
    expect(JSON.parse(await (scripted.requests[0] as Request).text())).toEqual({ login: { username: "ada", password: PASSWORD, token: SECOND_FACTOR } });
  });

  test.each([
    ["a line break", `${SESSION}\r\nx-injected: 1`],
    ["a non-ASCII character", `${SESSION}é`],
    ["white space around it", ` ${SESSION}`],
    ["no characters at all", ""],
  ])("a session id with %s is an InvalidResponseError saying the server's session id cannot be sent, never showing it", async (_case, sessionid) => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: 1, sessionid, valid: true }));

    const error = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada", password: PASSWORD, fetch: scripted.fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1, method: "POST" });
    expect((error as Error).message).toMatch(/^POST https:\/\/acme\.iw-erp\.de\/api\/logins returned 200 with a `sessionid` the client cannot send as a header /);
    expect((error as InvalidResponseError).snippet).toBe('{"id":1,"sessionid":"[redacted]","valid":true}');
    for (const text of printedForms(error)) expect(text).not.toContain(SESSION);
    expect(scripted.requests).toHaveLength(1);
  });

  test("a session without a session id is an InvalidResponseError too", async () => {
    const scripted = createScriptedFetch(jsonResponse(200, { id: 1, valid: false }));

    const error = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada", password: PASSWORD, fetch: scripted.fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).snippet).toBe('{"id":1,"valid":false}');
  });

  test("a second-factor token that is no string (a code read with Number() from JavaScript) is an InvalidInputError that does not show it, before anything is sent", async () => {
    const code = 98765432;
    const scripted = createScriptedFetch(jsonResponse(422, { detail: `token ${code} expired` }));

    const error = await login({ baseUrl: "https://acme.iw-erp.de", username: "ada", password: PASSWORD, token: code as never, fetch: scripted.fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input: "token" });
    for (const text of printedForms(error)) expect(text).not.toContain(String(code));
    expect(scripted.requests).toHaveLength(0);
  });

  test.each([
    ["a missing password", { username: "ada" }, "password"],
    ["an empty username", { username: "", password: PASSWORD }, "username"],
  ])("%s is an InvalidInputError before anything is sent", async (_case, credentials, input) => {
    const scripted = createScriptedFetch(jsonResponse(200, {}));

    const error = await login({ baseUrl: "https://acme.iw-erp.de", fetch: scripted.fetch, ...credentials } as never).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ input });
    expect(scripted.requests).toHaveLength(0);
  });
});

describe("a password with letters beyond ASCII, echoed raw in a header", () => {
  // UTF-8 on the wire: fetch reads a header value byte by byte as Latin-1, so `ä` arrives as `Ã¤`.
  const UMLAUT_PASSWORD = "pässwört-GEHEIM-1";

  test("is redacted from the messages and headers of the AuthenticationError, where fetch reads its UTF-8 bytes as Latin-1", async () => {
    const server = await startStandIn({
      handler: (_request, response) => {
        const asBytes = (text: string) => Buffer.from(text, "utf8").toString("latin1");
        response.writeHead(401, {
          "content-type": "application/json",
          "x-iw-error-json": asBytes(JSON.stringify([`wrong password ${UMLAUT_PASSWORD}`])),
          "x-echo": asBytes(UMLAUT_PASSWORD),
        });
        response.end("{}");
      },
    });
    try {
      const error = await login({ baseUrl: server.url, username: "ada", password: UMLAUT_PASSWORD }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AuthenticationError);
      const readAsLatin1 = Buffer.from(UMLAUT_PASSWORD, "utf8").toString("latin1");
      expect((error as AuthenticationError).messages).toEqual(["wrong password [redacted]"]);
      expect((error as AuthenticationError).headers["x-echo"]).toBe("[redacted]");
      for (const text of printedForms(error)) {
        expect(text).not.toContain(readAsLatin1);
        expect(text).not.toContain(UMLAUT_PASSWORD);
      }
    } finally {
      await server.close();
    }
  });
});

describe("a password with letters beyond ASCII, echoed in an HTML page", () => {
  const UMLAUT_PASSWORD = "pässwört-GEHEIM-2";

  test.each([
    // PHP's htmlentities writes `ä` as `&auml;`.
    ["with named HTML entities (`&auml;`)", "text/html; charset=utf-8", Buffer.from(`<p>Wrong password ${UMLAUT_PASSWORD.replace("ä", "&auml;").replace("ö", "&ouml;")}</p>`)],
    // A page in Latin-1: each umlaut is one byte that is no UTF-8, which the client decodes as U+FFFD.
    ["in Latin-1 (which the client reads as UTF-8)", "text/html; charset=iso-8859-1", Buffer.from(`<p>Wrong password ${UMLAUT_PASSWORD}</p>`, "latin1")],
  ])("%s is redacted from the ServerError", async (_case, contentType, page) => {
    const server = await startStandIn({ handler: (_request, response) => void response.writeHead(500, { "content-type": contentType }).end(page) });
    try {
      const error = await login({ baseUrl: server.url, username: "ada", password: UMLAUT_PASSWORD }).catch((e: unknown) => e);

      expect(error).toMatchObject({ name: "ServerError", status: 500 });
      expect((error as { body: unknown }).body).toBe("<p>Wrong password [redacted]</p>");
      for (const text of printedForms(error)) expect(text).not.toMatch(/sw.?.?.?rt-GEHEIM/);
    } finally {
      await server.close();
    }
  });
});
