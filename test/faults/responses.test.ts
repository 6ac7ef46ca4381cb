import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  HttpError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  SessionError,
} from "../../src/index.js";
import { startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createTestClient, rejectionOf, uniqueParticipant } from "../support/create-test-client.js";
import { expectNothingSecret } from "../support/secrets.js";

let server: StandIn;
/** Where the redirect points: a second server that must never see the token. */
let elsewhere: StandIn;

beforeAll(async () => {
  [server, elsewhere] = await Promise.all([startStandIn(), startStandIn()]);
});
afterAll(() => Promise.all([server.close(), elsewhere.close()]));

describe("HTTP failures become one typed error each", () => {
  test("500 with an HTML page: ServerError with a short, truncated snippet of the page", async () => {
    const t = createTestClient(server, "html-500");

    const error = (await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()))) as ServerError;

    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(500);
    expect(error.body).toMatch(/^<!DOCTYPE html><html><head><title>500 Internal Server Error<\/title>.*…$/);
    expect((error.body as string).length).toBeLessThanOrEqual(201);
    expect(error.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/api\/chat\/chatroom_participant failed with 500 Internal Error for session \[redacted\]: body: <!DOCTYPE html>.*…\. Try again later\.$/,
    );
    expect(error.headers["x-echo-token"]).toBe("[redacted]");
    expectNothingSecret(error, t);
  });

  test("502 with an empty body: ServerError without a body", async () => {
    const t = createTestClient(server, "empty-502");

    const error = (await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()))) as ServerError;

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, body: undefined, code: undefined, messages: [] });
    expect(error.message).toMatch(/failed with 502 Bad Gateway\. Try again later\.$/);
  });

  test("401 with X-IW-ERROR-* headers: AuthenticationError carrying the iwERP code and messages", async () => {
    const t = createTestClient(server, "unauthorized-401");

    const error = (await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()))) as AuthenticationError;

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ status: 401, code: "401", messages: ["JWT expired", "no session [redacted]"] });
    expect(error.message).toMatch(/failed with 401 Unauthorized: JWT expired; no session \[redacted\]\. Log in again \(`login\(\)`\) and pass the new `session\.sessionid` as `sessionToken`\.$/);
    expect(error.headers["set-cookie"]).toBe("[redacted]");
    expectNothingSecret(error, t);
  });

  test("422 echoing the participant: RequestValidationError whose body has the secrets redacted", async () => {
    const t = createTestClient(server, "validation-422");
    const participant = uniqueParticipant();

    const error = (await rejectionOf(t.client.chatroomParticipants.add(participant))) as RequestValidationError;

    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.body).toEqual({
      title: "Unprocessable Entity",
      detail: "first_name rejected for session [redacted]",
      data: { ...participant, ai_auto_close_secret_word: "[redacted]" },
    });
    expect(error.message).toMatch(/failed with 422 Unprocessable Entity: Unprocessable Entity: first_name rejected for session \[redacted\]\. Fix the request as the server says\./);
    expectNothingSecret(error, t);
  });

  test.each([
    [400, "RequestValidationError", RequestValidationError],
    [403, "PermissionDeniedError", PermissionDeniedError],
    [404, "NotFoundError", NotFoundError],
    [409, "ConflictError", ConflictError],
    [418, "HttpError", HttpError],
    [504, "ServerError", ServerError],
  ] as const)("status %i becomes exactly a %s", async (status, _name, ErrorClass) => {
    const t = createTestClient(server, "status", { headers: { "x-fault-status": String(status) } });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()));

    expect((error as object).constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ name: ErrorClass.name, status, body: { detail: `status ${status} as asked` }, attempts: 1 });
  });

  test("a redirect is not followed, so the token never reaches the other host", async () => {
    const t = createTestClient(server, "redirect-307", { headers: { "x-redirect-to": `${elsewhere.url}/steal` } });

    const error = (await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()))) as HttpError;

    expect(error.constructor).toBe(HttpError);
    expect(error.status).toBe(307);
    expect(error.message).toMatch(/failed with 307 .*Redirects are not followed; if you trust http:\/\/127\.0\.0\.1:\d+\/steal, pass it as `host`\/`baseUrl`\./);
    expect(elsewhere.received).toEqual([]);
  });
});

describe("a 200 the client cannot use", () => {
  test("broken JSON: InvalidResponseError with a snippet of what came back", async () => {
    const t = createTestClient(server, "broken-json");
    const participant = uniqueParticipant();

    const error = (await rejectionOf(t.client.chatroomParticipants.add(participant))) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, contentType: "application/json", attempts: 1 });
    expect(error.snippet).toBe('{"id": 7, "ai_auto_close_secret_word": "[redacted]", "first_name": "Ad');
    expect(error.message).toMatch(/returned 200 with invalid JSON \(content-type: application\/json\): \{"id": 7.*\. The request was probably processed; check before repeating it\./);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expectNothingSecret(error, t);
  });

  test("a body that breaks the schema: with validateResponses throw, a ResponseValidationError lists each failing path", async () => {
    const t = createTestClient(server, "schema-violation", { validateResponses: "throw" });

    const error = (await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()))) as ResponseValidationError;

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues).toEqual([
      { path: "/id", message: "must be integer" },
      { path: "/chatroom/id", message: "must be integer" },
      { path: "/room_admin", message: "must be boolean" },
    ]);
    expect(error.message).toMatch(/  \/id: must be integer\n  \/chatroom\/id: must be integer\n  \/room_admin: must be boolean$/);
    expect(error.data).toMatchObject({ nickname: "[redacted]", ai_auto_close_secret_word: "[redacted]" });
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expectNothingSecret(error, t);
  });

  test("a body that breaks the schema: by default (warn) the data is returned and one log line lists the paths", async () => {
    const t = createTestClient(server, "schema-violation");

    const added = await t.client.chatroomParticipants.add(uniqueParticipant());

    expect(added).toMatchObject({ id: "forty-two", room_admin: "yes" });
    expect(t.lines).toHaveLength(1);
    expect(t.lines[0]).toMatch(/^warn: iwerp-chat: POST .* does not match the spec:\n  \/id: must be integer\n  \/chatroom\/id: must be integer\n  \/room_admin: must be boolean$/);
    expectNothingSecret(undefined, t);
  });

  test("a body that breaks the schema: with validation off it is returned without a word", async () => {
    const t = createTestClient(server, "schema-violation", { validateResponses: "off" });

    await expect(t.client.chatroomParticipants.add(uniqueParticipant())).resolves.toMatchObject({ id: "forty-two" });
    expect(t.lines).toEqual([]);
  });

  test("a body over the default 10 MiB limit is cut off with an InvalidResponseError", async () => {
    const t = createTestClient(server, "huge-body");
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect((error as Error).message).toMatch(/returned 200 with a body over 10485760 bytes .*Raise `maxResponseBytes` if that is expected\./);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
  });

  test("a Content-Length over maxResponseBytes fails before the body is read", async () => {
    const t = createTestClient(server, "huge-declared", { maxResponseBytes: 1024 });

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/with a body over 1024 bytes .*Raise `maxResponseBytes`/);
  });

  test("a reset halfway through the body is a ConnectionError of phase response, never retried", async () => {
    const t = createTestClient(server, "reset-mid-body", { retry: { retryAmbiguous: true } });
    const participant = uniqueParticipant();

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ phase: "response", attempts: 1 });
    expect((error as Error).message).toMatch(/lost the connection while reading the 200 response \(.*\)\. The request was processed; check before repeating it\./);
    expect(server.attemptsFor(participant.first_name)).toBe(1);
    expectNothingSecret(error, t);
  });
});
