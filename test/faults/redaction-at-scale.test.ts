import { describe, expect, test } from "vitest";
import { REDACTED, Redactor } from "../../src/core/redactor.js";
import { createChatClient, InvalidResponseError, isIwErpError, ServerError, type ConnectionOptions } from "../../src/index.js";
import { createScriptedFetch, jsonResponse, type ScriptedAnswer } from "../support/create-scripted-fetch.js";
import { rejectionOf } from "../support/create-test-client.js";
import { expectNoSecrets, printedForms, TOKEN } from "../support/secrets.js";

/** Nine megabytes (under the 10 MiB `maxResponseBytes`): enough to overflow a backtracking match of a secret field's value. */
const NINE_MB = 9_000_000;
/** What the server echoes as the value of a secret field: recognisable, so finding it anywhere is a leak. */
const LEAKED = "hunter2-";
/** JSON text whose `password` value runs for `length` characters and is never closed, as a cut-off echo would be. */
const openPassword = (length: number) => `{"detail":"login failed","password":"${LEAKED.repeat(length / LEAKED.length)}`;

/** A client over a scripted fetch, with 1 ms backoff, and the log lines it wrote. */
function clientAnswering(script: ScriptedAnswer[], options: Partial<ConnectionOptions> & { sessionToken?: string } = {}) {
  const scripted = createScriptedFetch(...script);
  const lines: string[] = [];
  const client = createChatClient({
    baseUrl: "https://acme.iw-erp.de",
    sessionToken: TOKEN,
    fetch: scripted.fetch,
    retry: { initialDelayMs: 1 },
    logger: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
    ...options,
  });
  return { client, lines, requests: scripted.requests };
}

describe("redacting megabytes after a secret field's name neither throws nor leaks", () => {
  test("a 500 whose body holds 9 MB after `\"password\":\"` is a ServerError with the value redacted", async () => {
    const { client } = clientAnswering([jsonResponse(500, openPassword(NINE_MB))]);

    const error = await rejectionOf(client.chatroomParticipants.add({ first_name: "Ada" }));

    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).body).toBe(`{"detail":"login failed","password":"${REDACTED}`);
    for (const text of printedForms(error)) expect(text).not.toContain(LEAKED);
  });

  test('a 200 in "warn" mode whose body holds 9 MB after `"password":"` inside a string still resolves, and the warning leaks nothing', async () => {
    // The id breaks the spec, so the warning copies the body through the redactor; the name holds JSON text with the secret field.
    const name = `${openPassword(NINE_MB)}"}`;
    const { client, lines } = clientAnswering([jsonResponse(200, { id: "seven", first_name: name })], { validateResponses: "warn" });

    const participant = await client.chatroomParticipants.add({ first_name: "Ada" });

    expect(participant).toEqual({ id: "seven", first_name: name });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/does not match the spec:\n {2}\/id: must be integer/);
    expect(lines[0]).not.toContain(LEAKED);
  });

  test("a 200 whose broken JSON holds 9 MB after `\"password\":\"` is an InvalidResponseError with the value redacted", async () => {
    const { client } = clientAnswering([jsonResponse(200, openPassword(NINE_MB))]);

    const error = await rejectionOf(client.chatroomParticipants.add({ first_name: "Ada" }));

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).snippet).toBe(`{"detail":"login failed","password":"${REDACTED}`);
    for (const text of printedForms(error)) expect(text).not.toContain(LEAKED);
  });
});

describe("an answer the client fails to read is still an IwErpError", () => {
  /** A response whose headers throw when the client copies them into the error: a stand-in for any defect while reading an answer. */
  function throwingHeaders(status: number): Response {
    const body = JSON.stringify(status === 200 ? { id: 7 } : { title: "down" });
    // A declared length, so the client keeps this very response instead of wrapping its body in a new one.
    const response = new Response(body, { status, headers: { "content-type": "application/json", "content-length": String(body.length) } });
    response.headers.forEach = () => {
      throw new TypeError("headers cannot be listed");
    };
    return response;
  }

  test("a failure while making an error of a 500 is an InvalidResponseError with the status, not a TypeError", async () => {
    const { client } = clientAnswering([() => throwingHeaders(500)]);

    const error = await rejectionOf(client.chatroomParticipants.add({ first_name: "Ada" }));

    expect(isIwErpError(error)).toBe(true);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expect((error as Error).message).toMatch(/returned 500 with an answer the client failed to read \(TypeError\)/);
  });

  test("the same answer with a valid 200 body resolves", async () => {
    const { client } = clientAnswering([() => throwingHeaders(200)]);

    await expect(client.chatroomParticipants.add({ first_name: "Ada" })).resolves.toEqual({ id: 7 });
  });
});

describe("the redactor on 10 MB of text", () => {
  const TEN_MB = 10_000_000;
  const redactor = new Redactor([TOKEN], ["password"]);

  test("leaves text without secrets as it is", () => {
    const text = `{"note":"${"x".repeat(TEN_MB)}"}`;

    expect(redactor.text(text)).toBe(text);
  });

  test("redacts a secret field whose unterminated value fills 10 MB", () => {
    expect(redactor.text(`{"password":"${"s".repeat(TEN_MB)}`)).toBe(`{"password":"${REDACTED}`);
  });

  test("redacts a secret field whose value is 10 MB of escaped quotes, up to its closing quote", () => {
    expect(redactor.text(`{"password":"${'\\"'.repeat(TEN_MB / 2)}","id":1}`)).toBe(`{"password":"${REDACTED}","id":1}`);
  });

  test("redacts the token in every encoding and every secret field throughout 10 MB", () => {
    const encoded = [TOKEN, encodeURIComponent(TOKEN).replace(/-/g, "%2D"), TOKEN.replace(/S/g, "\\u0053"), TOKEN.replace(/-/g, "&#45;")];
    const unit = `${encoded.join(" ")} {"password": "${LEAKED}"} `;
    const text = unit.repeat(Math.ceil(TEN_MB / unit.length));

    const redacted = redactor.text(text);

    expectNoSecrets([redacted.replaceAll(REDACTED, "")]);
    expect(redacted).not.toContain(LEAKED);
    expect(redacted.startsWith(`${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} {"password": "${REDACTED}"} `)).toBe(true);
  });

  test("redacts a secret of 100,000 characters as given, JSON-escaped and percent-encoded, without throwing", () => {
    const long = `${"/secret \"word\" ".repeat(6_250)}`;
    const text = `a ${long} b ${JSON.stringify(long)} c ${encodeURIComponent(long)} d`;

    const redacted = new Redactor([long]).text(text);

    expect(redacted).toBe(`a ${REDACTED} b "${REDACTED}" c ${REDACTED} d`);
  });

  test("a 500 echoing a secret word of 100,000 characters is a ServerError without it, not a SyntaxError", async () => {
    const word = "w".repeat(100_000);
    const { client } = clientAnswering([jsonResponse(500, { detail: `bad word ${word}` })]);

    const error = await rejectionOf(client.chatroomParticipants.add({ first_name: "Ada", ai_auto_close_secret_word: word }));

    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).body).toEqual({ detail: `bad word ${REDACTED}` });
  });

  test("does not take a secret field's name followed by 10 MB of spaces and no colon for a value", () => {
    const text = `{"password"${" ".repeat(TEN_MB)}}`;

    expect(redactor.text(text)).toBe(text);
  });
});
