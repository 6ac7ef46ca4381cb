// @ts-check
/**
 * The smoke suite of the runtime matrix: one set of cases that every runtime (Node.js, Bun, Deno and a
 * browser page) runs against the built client. Web APIs only: no `process`, no `node:` modules, no
 * runtime-specific globals, so that the same file runs everywhere unchanged.
 */

/** @typedef {typeof import("../../src/index.js")} ClientModule */

/**
 * Where the cases send their calls, as the runner hands them over.
 * @typedef {object} SmokeConfig
 * @property {string} api Base URL of the runner's test server, e.g. `http://127.0.0.1:41234`; the first path segment picks the scenario.
 * @property {string} refused Base URL of a port on 127.0.0.1 that nothing listens on.
 * @property {string} token The session token to send; the server checks it, and no error may show it.
 * @property {boolean} browser True in a browser page, where a refused connection cannot be told apart (see `networkErrorCode`).
 */

/**
 * The outcome of one case.
 * @typedef {object} CaseResult
 * @property {string} name
 * @property {boolean} ok
 * @property {string} [detail] Why it failed.
 */

/** What the 401 scenario of the test server sends in `X-IW-ERROR-CODE`. */
export const UNAUTHORIZED_CODE = "401";
/** The `maxResponseBytes` of the cases whose answers are larger: 64 KiB, far below what those answers hold. */
export const SMALL_LIMIT = 64 * 1024;
/** The participant the test server returns for the happy path: the submitted fields plus these. */
export const STORED = { id: 7, created: "2025-05-04T09:42:00Z", updated: "2025-05-04T09:42:00Z" };

/**
 * Runs every case in order and never throws: a case that fails is reported with the reason.
 * @param {ClientModule} lib the built package's ESM entry, as this runtime imported it.
 * @param {SmokeConfig} config
 * @returns {Promise<CaseResult[]>}
 */
export async function runSmokeCases(lib, config) {
  /** @type {unknown[]} every error a case caught, for the last case's look for the token. */
  const thrown = [];
  /** @param {Partial<import("../../src/index.js").ConnectionOptions> & { sessionToken?: string }} options */
  const client = (options) => lib.createChatClient({ baseUrl: config.api, sessionToken: config.token, logger: false, ...options });
  /** @param {Promise<unknown>} call */
  const failure = async (call) => {
    try {
      const value = await call;
      throw new CaseFailure(`resolved with ${JSON.stringify(value)} instead of throwing`);
    } catch (error) {
      thrown.push(error);
      return error;
    }
  };
  const participant = { chatroom: { id: 42 }, first_name: "Ada" };

  /** @type {Array<[string, () => Promise<void>]>} */
  const cases = [
    [
      "add() resolves with the server's participant",
      async () => {
        const stored = await client({ baseUrl: `${config.api}/ok`, validateResponses: "throw" }).chatroomParticipants.add(participant);
        expect(stored.id === STORED.id && stored.first_name === "Ada" && stored.chatroom?.id === 42, `got ${JSON.stringify(stored)}`);
      },
    ],
    [
      // A browser's "Failed to fetch" cannot be told from a reset after sending, so a create is not repeated there.
      config.browser
        ? "refused connection: ConnectionError, phase request, not retried (browsers do not say why fetch failed)"
        : "refused connection: ConnectionError, phase connect, retried",
      async () => {
        const error = await failure(client({ baseUrl: config.refused, retry: { initialDelayMs: 1 } }).chatroomParticipants.add(participant));
        expect(error instanceof lib.ConnectionError, `got ${describe(error)}`);
        const { phase, attempts, errorCode } = /** @type {import("../../src/index.js").ConnectionError} */ (error);
        const held = config.browser ? phase === "request" && attempts === 1 : phase === "connect" && attempts > 1;
        expect(held, `phase ${phase}, attempts ${attempts}, errorCode ${errorCode}: ${describe(error)}`);
      },
    ],
    [
      "stalled server: TimeoutError",
      async () => {
        const error = await failure(client({ baseUrl: `${config.api}/stall`, timeoutMs: 300 }).chatroomParticipants.add(participant));
        expect(error instanceof lib.TimeoutError, `got ${describe(error)}`);
        const { limit, attempts } = /** @type {import("../../src/index.js").TimeoutError} */ (error);
        expect(limit === "attempt" && attempts === 1, `limit ${limit}, attempts ${attempts}`);
      },
    ],
    [
      "401 with X-IW-ERROR-CODE / X-IW-ERROR-JSON: AuthenticationError with code and messages",
      async () => {
        const error = await failure(client({ baseUrl: `${config.api}/unauthorized` }).chatroomParticipants.add(participant));
        expect(error instanceof lib.AuthenticationError, `got ${describe(error)}`);
        const { status, code, messages } = /** @type {import("../../src/index.js").AuthenticationError} */ (error);
        // The server echoes the token in its second message; the client redacts it.
        const expected = ["JWT expired", "no session [redacted]"];
        expect(
          status === 401 && code === UNAUTHORIZED_CODE && JSON.stringify(messages) === JSON.stringify(expected),
          `status ${status}, code ${code}, messages ${JSON.stringify(messages)}`,
        );
      },
    ],
    [
      "a 200 whose body breaks the spec: ResponseValidationError naming /id (validateResponses: throw)",
      async () => {
        const error = await failure(client({ baseUrl: `${config.api}/drifted`, validateResponses: "throw" }).chatroomParticipants.add(participant));
        expect(error instanceof lib.ResponseValidationError, `got ${describe(error)}`);
        const { issues } = /** @type {import("../../src/index.js").ResponseValidationError} */ (error);
        expect(JSON.stringify(issues) === JSON.stringify([{ path: "/id", message: "must be integer" }]), `issues ${JSON.stringify(issues)}`);
      },
    ],
    [
      "a chunked body over maxResponseBytes without Content-Length: InvalidResponseError, not retried",
      async () => {
        const error = await failure(client({ baseUrl: `${config.api}/huge`, maxResponseBytes: SMALL_LIMIT }).chatroomParticipants.add(participant));
        expectTooLarge(lib, error);
      },
    ],
    [
      "a gzip bomb (a small gzipped body that inflates past maxResponseBytes): InvalidResponseError",
      async () => {
        const error = await failure(client({ baseUrl: `${config.api}/bomb`, maxResponseBytes: SMALL_LIMIT }).chatroomParticipants.add(participant));
        expectTooLarge(lib, error);
      },
    ],
    ...(config.browser
      ? /** @type {Array<[string, () => Promise<void>]>} */ ([
          [
            // The page is served with `Content-Security-Policy: script-src 'self'`, as strict sites are: the cases
            // above checked responses there, as everywhere, with generated code that makes no code from text.
            "the page forbids code made from text (CSP without 'unsafe-eval'), and the checks above still held",
            async () => {
              let compiled = true;
              try {
                new Function("return 1");
              } catch {
                compiled = false;
              }
              expect(!compiled, "new Function worked: the page's CSP is not in force");
            },
          ],
        ])
      : []),
    [
      "no error shows the session token (message, String(err), JSON.stringify(err))",
      async () => {
        expect(thrown.length === 6, `expected the 6 errors of the cases above, got ${thrown.length}`);
        for (const error of thrown) {
          const shown = [error instanceof Error ? error.message : "", String(error), JSON.stringify(error)];
          expect(!shown.some((text) => text.includes(config.token)), `${describe(error)} shows the token`);
        }
      },
    ],
  ];

  /** @type {CaseResult[]} */
  const results = [];
  for (const [name, run] of cases) {
    try {
      await run();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, detail: describe(error) });
    }
  }
  return results;
}

/**
 * Checks that `error` is the client's refusal of a body over `SMALL_LIMIT` bytes, on the first attempt.
 * @param {ClientModule} lib
 * @param {unknown} error
 */
function expectTooLarge(lib, error) {
  expect(error instanceof lib.InvalidResponseError, `got ${describe(error)}`);
  const { status, attempts, message } = /** @type {import("../../src/index.js").InvalidResponseError} */ (error);
  expect(status === 200 && attempts === 1, `status ${status}, attempts ${attempts}`);
  expect(message.includes(`with a body over ${SMALL_LIMIT} bytes`), `message: ${message}`);
}

/**
 * @param {boolean} condition
 * @param {string} message
 * @returns {asserts condition}
 */
function expect(condition, message) {
  if (!condition) throw new CaseFailure(message);
}

/** A check of a case that did not hold; its message says all, so no stack is shown. */
class CaseFailure extends Error {}

/**
 * One line about an error, for a failure's detail: name, message and where it was thrown (the first
 * frame, as V8 and JavaScriptCore write it, `at f (file:1:2)`, or as Firefox and Safari do, `f@file:1:2`).
 * @param {unknown} error
 */
function describe(error) {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof CaseFailure) return error.message;
  const lines = (error.stack ?? "").split("\n").map((line) => line.trim());
  const where = lines.find((line) => /^at\s/.test(line) || /@.*:\d+:\d+$/.test(line));
  return `${error.name}: ${error.message}${where ? ` (${where})` : ""}`;
}
