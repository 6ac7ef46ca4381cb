import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { createChatClient, InvalidInputError, IwErpError, type ChatClientOptions, type ChatroomParticipant } from "../../src/index.js";
import { createScriptedFetch, dnsFailureFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { FAULT_HEADER, refusedUrl as freeRefusedUrl, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { createTestClient, rejectionOf, uniqueParticipant } from "../support/create-test-client.js";
import { FAULTS, type FaultName } from "../../scripts/lib/stand-in-faults.mjs";
import { API_KEY, createRecorder, expectNoSecrets, expectNothingSecret, printedForms, SECRET_WORD, TOKEN } from "../support/secrets.js";

let server: StandIn;
let refusedUrl: string;

beforeAll(async () => {
  server = await startStandIn();
  refusedUrl = await freeRefusedUrl();
});
afterAll(() => server.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const faults = Object.keys(FAULTS) as FaultName[];

/**
 * Every fault, with retries of ambiguous failures off and on (so retry events and log lines are made too),
 * with validation that throws (so schema failures become errors) and short limits so stalls end fast.
 * What comes out, error or data, and every log line and retry event, is searched for the two secrets.
 */
describe.concurrent("no fault puts a secret into an error, a log line or a retry event", () => {
  test.for(faults.flatMap((fault) => [false, true].map((retryAmbiguous) => [fault, retryAmbiguous] as const)))(
    "%s (retryAmbiguous: %s)",
    async ([fault, retryAmbiguous]) => {
      const t = createTestClient(server, fault, {
        timeoutMs: 60,
        maxResponseBytes: 64 * 1024,
        validateResponses: "throw",
        retry: { retryAmbiguous },
      });

      const outcome = await t.client.chatroomParticipants.add(uniqueParticipant()).catch((error: unknown) => error);

      // Either a typed error, or a participant for the faults that end well (e.g. "unavailable-once").
      expect(outcome instanceof IwErpError || typeof (outcome as { first_name?: unknown }).first_name === "string").toBe(true);
      expectNothingSecret(outcome instanceof Error ? outcome : undefined, t);
    },
  );

  test.for([
    ["a refused connection", (): string => refusedUrl, {}],
    ["a name that does not resolve", (): string => "https://chat.invalid", { fetch: dnsFailureFetch }],
  ] as const)("%s", async ([, baseUrl, options]) => {
    const t = createTestClient(baseUrl(), "ok", options);

    const error = await rejectionOf(t.client.chatroomParticipants.add(uniqueParticipant()));

    expect(t.retries).toHaveLength(2);
    expectNothingSecret(error, t);
  });
});

/**
 * The same with an API key as the credential: the faults that echo the credential echo the key, in the body, a
 * header, X-IW-ERROR-JSON and the status line.
 */
describe.concurrent("no fault puts the API key into an error, a log line or a retry event", () => {
  test.for(faults)("%s", async (fault) => {
    const recorder = createRecorder();
    const client = createChatClient({
      baseUrl: server.url,
      apiKey: API_KEY,
      headers: { [FAULT_HEADER]: fault },
      logger: recorder.logger,
      retry: { initialDelayMs: 1, onRetry: recorder.onRetry, retryAmbiguous: true },
      timeoutMs: 60,
      maxResponseBytes: 64 * 1024,
      validateResponses: "throw",
    });

    const outcome = await client.chatroomParticipants.add(uniqueParticipant()).catch((error: unknown) => error);

    expect(outcome instanceof IwErpError || typeof (outcome as { first_name?: unknown }).first_name === "string").toBe(true);
    expectNothingSecret(outcome instanceof Error ? outcome : undefined, recorder);
  });

  test("the echoes are there, redacted: a 401 that quotes the key says [redacted] where the key was", async () => {
    const client = createChatClient({ baseUrl: server.url, apiKey: API_KEY, headers: { [FAULT_HEADER]: "unauthorized-401" }, logger: false });

    const error = await rejectionOf(client.chatroomParticipants.add(uniqueParticipant()));

    expect(error).toMatchObject({ name: "AuthenticationError", messages: ["JWT expired", "no session [redacted]"] });
    expect((error as Error).message).toMatch(/Create a new API key in the iwERP user settings and pass it as `apiKey`\.$/);
    expectNoSecrets(printedForms(error));
  });
});

describe("secrets in unusual shapes", () => {
  test("a secret word with quotes and a backslash is redacted raw and JSON-escaped", async () => {
    const word = 'say "SECRET\\word" 456';
    const escaped = JSON.stringify(word).slice(1, -1);
    const t = createTestClient(server, "html-500");

    const error = await rejectionOf(t.client.chatroomParticipants.add({ ...uniqueParticipant(), ai_auto_close_secret_word: word }));

    expect(String((error as { body?: unknown }).body)).toContain('echo={"word":"[redacted]"}');
    for (const text of printedForms(error)) {
      expect(text).not.toContain(word);
      expect(text).not.toContain(escaped);
    }
  });

  test("a participant with a toJSON method is rejected before it can run, so its message cannot leak", async () => {
    const t = createTestClient(server, "ok");
    const participant = {
      ...uniqueParticipant(),
      toJSON() {
        throw new Error(`cannot serialize ${SECRET_WORD}`);
      },
    } as ChatroomParticipant;

    const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/Invalid participant: has a toJSON method/);
    expectNoSecrets(printedForms(error));
  });

  test.each([
    ["a token with a line break", { sessionToken: `${TOKEN}\r\n` }],
    ["an API key with a line break", { apiKey: `${API_KEY}\r\n` }],
    ["an API key that is not ASCII", { apiKey: `${API_KEY}é` }],
    ["an API key beside a token", { apiKey: API_KEY, sessionToken: TOKEN }],
    ["an API key in the headers", { sessionToken: TOKEN, headers: { "x-iw-jwt-token": API_KEY } }],
  ])("%s is rejected with a message that does not quote it", (_case, credential) => {
    const error = (() => {
      try {
        createChatClient({ baseUrl: server.url, ...credential } as ChatClientOptions);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(InvalidInputError);
    expectNoSecrets(printedForms(error));
  });
});

describe("the client itself", () => {
  test("printing or serializing the client shows no token", () => {
    const client = createChatClient({ host: "acme.iw-erp.de", sessionToken: TOKEN });

    expectNoSecrets(printedForms(client));
  });

  test("printing or serializing a client with an API key shows no key", () => {
    const client = createChatClient({ host: "acme.iw-erp.de", apiKey: API_KEY });

    expectNoSecrets(printedForms(client));
  });
});

describe("the default logger", () => {
  test("writes only warnings, only through console.warn, and without secrets", async () => {
    const written: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(" ")));
    const others = (["log", "info", "error", "debug"] as const).map((method) => vi.spyOn(console, method));
    const client = createChatClient({ baseUrl: server.url, sessionToken: TOKEN, headers: { [FAULT_HEADER]: "schema-violation" } });
    const retrying = createChatClient({
      baseUrl: server.url,
      sessionToken: TOKEN,
      headers: { [FAULT_HEADER]: "unavailable-once" },
      retry: { initialDelayMs: 1 },
    });

    await client.chatroomParticipants.add(uniqueParticipant());
    await retrying.chatroomParticipants.add(uniqueParticipant());

    expect(warn).toHaveBeenCalledTimes(1);
    expect(written[0]).toMatch(/^iwerp-chat: POST .* does not match the spec/);
    for (const spy of others) expect(spy).not.toHaveBeenCalled();
    expectNoSecrets(written);
  });
});

describe("a secret word with white space around it", () => {
  test("is redacted also as the server trimmed it (Symfony's forms trim every string) and quotes it in a 422", async () => {
    const word = "  geheimes Schlusswort\n";
    // The server answers with the word as it stored it: trimmed.
    const trimming = await startStandIn({
      handler: ({ body }, response) => {
        const said = `secret word "${String((body as { data: { ai_auto_close_secret_word: string } }).data.ai_auto_close_secret_word).trim()}" is taken`;
        response.writeHead(422, { "content-type": "application/json", "x-iw-error-json": JSON.stringify([said]) }).end(JSON.stringify({ title: "Invalid", detail: said }));
      },
    });
    try {
      const t = createTestClient(trimming, "ok");

      const error = await rejectionOf(t.client.chatroomParticipants.add({ ...uniqueParticipant(), ai_auto_close_secret_word: word }));

      expect(error).toMatchObject({ name: "RequestValidationError", messages: ['secret word "[redacted]" is taken'] });
      expect((error as { body: unknown }).body).toEqual({ title: "Invalid", detail: 'secret word "[redacted]" is taken' });
      for (const text of printedForms(error)) expect(text).not.toContain("geheimes Schlusswort");
    } finally {
      await trimming.close();
    }
  });
});

describe("a secret word given as a number", () => {
  test("from JavaScript, where the spec's string type is not checked, is redacted as its digits when a 422 quotes it", async () => {
    const word = 73915482;
    const echoing = await startStandIn({
      handler: ({ body }, response) => {
        const said = `secret word ${String((body as { data: { ai_auto_close_secret_word: unknown } }).data.ai_auto_close_secret_word)} must be a string`;
        response.writeHead(422, { "content-type": "application/json", "x-iw-error-json": JSON.stringify([said]) }).end(JSON.stringify({ title: "Invalid", detail: said }));
      },
    });
    try {
      const t = createTestClient(echoing, "ok");
      const participant = { ...uniqueParticipant(), ai_auto_close_secret_word: word } as unknown as ChatroomParticipant;

      const error = await rejectionOf(t.client.chatroomParticipants.add(participant));

      expect(error).toMatchObject({ name: "RequestValidationError", messages: ["secret word [redacted] must be a string"] });
      for (const text of printedForms(error)) expect(text).not.toContain(String(word));
    } finally {
      await echoing.close();
    }
  });
});

describe("secrets echoed base64-encoded", () => {
  /** Whether `text` holds `secret` in base64 or base64url, wherever it starts: each run of such characters is decoded from each of its first four. */
  function holdsBase64Of(text: string, secret: string): boolean {
    return (text.match(/[A-Za-z0-9+/_-]+/g) ?? []).some((run) => [0, 1, 2, 3].some((from) => Buffer.from(run.slice(from), "base64").toString("latin1").includes(secret)));
  }
  const base64url = (text: string) => Buffer.from(text).toString("base64url");

  let echoing: StandIn;
  beforeAll(async () => {
    // A 401 that carries the session token as an expired JWT's claim (base64url, at whatever place the claims put
    // it), in a Basic-style header (base64, after a prefix) and in the status line.
    echoing = await startStandIn({
      handler: ({ token }, response) => {
        const jwt = `${base64url('{"alg":"HS256"}')}.${base64url(JSON.stringify({ exp: 1, sid: token }))}.c2lnbmF0dXJl`;
        response.statusMessage = `Session ${base64url(token ?? "")} expired`;
        response.writeHead(401, { "content-type": "application/json", "x-debug-auth": `Basic ${Buffer.from(`ada:${token}`).toString("base64")}` });
        response.end(JSON.stringify({ detail: "JWT expired", jwt, hint: `re-send ${Buffer.from(`xy${token}`).toString("base64")}` }));
      },
    });
  });
  afterAll(() => echoing.close());

  test("a 401 that echoes the session token in base64 and base64url, at every alignment, shows none of them", async () => {
    const t = createTestClient(echoing, "ok");
    // The status line, the claims (16 bytes before the token) and the hint (2 bytes before it) put the token at each
    // of the three places a byte can take in base64; the oracle finds each.
    const sample = [base64url(TOKEN), base64url(JSON.stringify({ exp: 1, sid: TOKEN })), Buffer.from(`xy${TOKEN}`).toString("base64")];
    for (const text of sample) expect(holdsBase64Of(text, TOKEN)).toBe(true);

    const error = await rejectionOf(t.client.chatrooms.get(42));

    expect(error).toMatchObject({ name: "AuthenticationError", status: 401 });
    expect((error as { body: { detail: string } }).body.detail).toBe("JWT expired");
    for (const text of [...printedForms(error), ...t.lines]) expect(holdsBase64Of(text, TOKEN), text).toBe(false);
  });
});

describe("an Authorization header the app passes in `headers`", () => {
  /** A gateway's credential in front of the tenant: distinctive, so finding it anywhere is a leak. */
  const GATEWAY = "gw-SECRET-0987654321";

  test.each(["Authorization", "authorization"])(
    "(%s) is a secret: a 401 that echoes it whole and its credential alone shows neither in the error or the log",
    async (name) => {
      const recorder = createRecorder();
      const { fetch } = createScriptedFetch((request) => {
        const given = request.headers.get("authorization") ?? "";
        return jsonResponse(401, { detail: `rejected ${given}`, credential: given.slice("Bearer ".length) }, { "x-iw-error-json": JSON.stringify([`bad ${given}`]) });
      });
      const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken: TOKEN, headers: { [name]: `Bearer ${GATEWAY}` }, fetch, logger: recorder.logger });

      const error = await rejectionOf(chat.chatrooms.get(42));

      expect(error).toMatchObject({ name: "AuthenticationError", status: 401, messages: ["bad [redacted]"] });
      expect((error as { body: unknown }).body).toEqual({ detail: "rejected [redacted]", credential: "[redacted]" });
      for (const text of [...printedForms(error), ...recorder.lines]) expect(text).not.toContain(GATEWAY);
    },
  );
});
