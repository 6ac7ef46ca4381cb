import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { httpErrorFromResponse } from "../../src/core/http-error-from-response.js";
import { SNIPPET_LENGTH, textSnippet } from "../../src/core/text-snippet.js";
import {
  AbortError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  HttpError,
  InvalidInputError,
  InvalidResponseError,
  isIwErpError,
  IwErpError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  SessionError,
  TimeoutError,
  type HttpErrorDetails,
} from "../../src/index.js";

const where = { method: "POST", url: "https://acme.iw-erp.de/api/chat/chatroom_participant", attempts: 1 };

function details(status: number, more: Partial<HttpErrorDetails> = {}): HttpErrorDetails {
  return { ...where, status, code: undefined, messages: [], body: undefined, headers: {}, ...more };
}

describe("status → class", () => {
  test.each([
    [400, "RequestValidationError", RequestValidationError, HttpError],
    [401, "AuthenticationError", AuthenticationError, SessionError],
    [403, "PermissionDeniedError", PermissionDeniedError, SessionError],
    [404, "NotFoundError", NotFoundError, HttpError],
    [409, "ConflictError", ConflictError, HttpError],
    [422, "RequestValidationError", RequestValidationError, HttpError],
    [429, "RateLimitError", RateLimitError, HttpError],
    [500, "ServerError", ServerError, HttpError],
    [502, "ServerError", ServerError, HttpError],
    [503, "ServerError", ServerError, HttpError],
    [504, "ServerError", ServerError, HttpError],
    [307, "HttpError", HttpError, IwErpError],
    [418, "HttpError", HttpError, IwErpError],
  ] as const)("%i is a %s", (status, _name, ErrorClass, Parent) => {
    const error = httpErrorFromResponse(details(status), "");

    expect(error.constructor).toBe(ErrorClass);
    expect(error).toBeInstanceOf(Parent);
    expect(error).toBeInstanceOf(IwErpError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(ErrorClass.name);
    expect(isIwErpError(error)).toBe(true);
  });

  test("every class is an IwErpError whose name is its class name", () => {
    const errors = [
      new InvalidInputError("host", "bad"),
      new ConnectionError({ ...where, phase: "connect", errorCode: "ECONNREFUSED" }, "refused"),
      new TimeoutError({ ...where, limit: "attempt", timeoutMs: 10 }),
      new AbortError(where),
      new InvalidResponseError({ ...where, status: 200, contentType: "text/html", snippet: "<html>" }, "html"),
      new ResponseValidationError({ ...where, status: 200, issues: [], data: {} }),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(IwErpError);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(isIwErpError(new Error("other"))).toBe(false);
  });
});

describe("HTTP error messages", () => {
  test("name the method, URL and status, what the server said, and what to do", () => {
    const error = httpErrorFromResponse(details(401, { code: "4011", messages: ["JWT expired"] }), "Unauthorized");

    expect(error.message).toBe(
      "POST https://acme.iw-erp.de/api/chat/chatroom_participant failed with 401 Unauthorized [iwERP error 4011]: JWT expired. " +
        "Log in again (`login()`) and pass the new `session.sessionid` as `sessionToken`.",
    );
  });

  test("leave out an iwERP code that only repeats the status", () => {
    expect(httpErrorFromResponse(details(401, { code: "401" }), "Unauthorized").message).not.toMatch(/iwERP error/);
  });

  test("summarise a problem-details body, and Prism's validation list", () => {
    const problem = httpErrorFromResponse(details(422, { body: { title: "Invalid", detail: "first_name too long" } }), "");
    const prism = httpErrorFromResponse(
      details(422, { body: { validation: [{ location: ["body", "data", "id"], message: "must be integer" }] } }),
      "",
    );

    expect(problem.message).toMatch(/failed with 422: Invalid: first_name too long\. Fix the request as the server says\./);
    expect(prism.message).toMatch(/failed with 422: body\.data\.id must be integer\./);
  });

  test("say that a redirect was not followed and where it pointed", () => {
    const error = httpErrorFromResponse(details(302, { headers: { location: "https://other.example/x" } }), "Found");

    expect(error.message).toMatch(/failed with 302 Found\. Redirects are not followed; if you trust https:\/\/other\.example\/x, pass it as `host`\/`baseUrl`\./);
  });
});

describe("errors print well", () => {
  const error = httpErrorFromResponse(
    details(429, { code: "429", messages: ["slow down"], body: { title: "Too Many Requests" }, headers: { "retry-after": "5" }, retryAfterMs: 5_000 }),
    "Too Many Requests",
  );

  test("JSON.stringify gives the name, the message and every field, without the stack", () => {
    const json = JSON.parse(JSON.stringify(error));

    expect(json).toEqual({
      name: "RateLimitError",
      message: error.message,
      method: "POST",
      url: where.url,
      status: 429,
      code: "429",
      messages: ["slow down"],
      body: { title: "Too Many Requests" },
      headers: { "retry-after": "5" },
      attempts: 1,
      retryAfterMs: 5_000,
    });
  });

  test("String() gives the name and the message", () => {
    expect(String(error)).toBe(`RateLimitError: ${error.message}`);
  });

  test("util.inspect shows the name, the message and the fields", () => {
    const text = inspect(error);

    expect(text).toMatch(/^RateLimitError: POST https:\/\/acme\.iw-erp\.de\/api\/chat\/chatroom_participant failed with 429/);
    expect(text).toMatch(/retryAfterMs: 5000/);
  });

  test("a ConnectionError keeps a plain cause with the system error code", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const connection = new ConnectionError({ ...where, phase: "connect", errorCode: "ECONNREFUSED" }, "refused", { cause });

    expect(connection.cause).toBe(cause);
    expect(inspect(connection)).toMatch(/\[cause\]: Error: connect ECONNREFUSED 127\.0\.0\.1:9/);
  });

  test("a ResponseValidationError lists every failing path on its own line", () => {
    const invalid = new ResponseValidationError({
      ...where,
      status: 200,
      issues: [
        { path: "", message: "must be object" },
        { path: "/chatroom/id", message: "must be integer" },
      ],
      data: [],
    });

    expect(invalid.message).toBe(`POST ${where.url} returned 200 with a body that does not match the spec:\n  /: must be object\n  /chatroom/id: must be integer`);
  });
});

describe("textSnippet", () => {
  test("puts text on one line and cuts it with an ellipsis", () => {
    expect(textSnippet("  <p>\n  Bad   gateway </p>\n")).toBe("<p> Bad gateway </p>");
    const long = textSnippet("x".repeat(5_000));
    expect(long).toHaveLength(SNIPPET_LENGTH + 1);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("isIwErpError", () => {
  test("recognises an error of the package's other build by the brand both builds share, and nothing else", () => {
    // What the other build's classes look like from here: another class, the same registered symbol.
    class OtherCopy extends Error {}
    Object.defineProperty(OtherCopy.prototype, Symbol.for("iwerp-chat-client.IwErpError"), { value: true });

    expect(new OtherCopy("from the other build") instanceof IwErpError).toBe(false);
    expect(isIwErpError(new OtherCopy("from the other build"))).toBe(true);
    expect(isIwErpError(new AuthenticationError({ method: "GET", url: "u", status: 401, code: undefined, messages: [], body: undefined, headers: {}, attempts: 1 }, "m"))).toBe(true);
    expect(isIwErpError(new Error("plain"))).toBe(false);
    expect(isIwErpError({ message: "look-alike", [Symbol.for("iwerp-chat-client.IwErpError")]: true })).toBe(false);
  });
});
