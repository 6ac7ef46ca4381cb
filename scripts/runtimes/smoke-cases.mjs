// @ts-check
/**
 * The runtime matrix's smoke suite, run unchanged against the built client in every runtime and in a browser page:
 * web APIs only (no `process`, no `node:` modules, no runtime-specific globals).
 */

/** @typedef {typeof import("../../src/index.js")} ClientModule */

/**
 * Where the cases send their calls: `api`, the stand-in, whose first path segment picks the scenario (`<api>/stall/…`);
 * `refused`, a port nothing listens on; `token`, which the stand-in requires and no error may show; `browser`, true
 * in a page, where a refused connection cannot be told apart.
 * @typedef {{ api: string, refused: string, token: string, browser: boolean }} SmokeConfig
 */

/** @typedef {{ name: string, ok: boolean, detail?: string }} CaseResult `detail`: why it failed. */

/** The `maxResponseBytes` of the oversized answers' cases: far below what those answers hold. */
const SMALL_LIMIT = 64 * 1024;
/** The participant the stand-in stores on the happy path: the submitted fields plus these. */
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
  const participant = { chatroom: { id: 42 }, first_name: "Ada" };
  /** @param {Partial<import("../../src/index.js").ConnectionOptions> & { baseUrl?: string }} options */
  const client = (options) => lib.createChatClient({ baseUrl: config.api, sessionToken: config.token, logger: false, ...options });
  /**
   * The error `add()` with `options` throws, checked to be an instance of `type`.
   * @template {abstract new (...args: any[]) => Error} T
   * @param {Parameters<typeof client>[0]} options
   * @param {T} type
   * @returns {Promise<InstanceType<T>>}
   */
  const addFails = async (options, type) => {
    let error;
    try {
      const value = await client(options).chatroomParticipants.add(participant);
      error = new CaseFailure(`resolved with ${JSON.stringify(value)} instead of throwing`);
    } catch (caught) {
      error = caught;
    }
    thrown.push(error);
    expect(error instanceof type, `got ${describe(error)}`);
    return /** @type {InstanceType<T>} */ (error);
  };
  /** @param {string} scenario */
  const tooLarge = async (scenario) => {
    const error = await addFails({ baseUrl: `${config.api}/${scenario}`, maxResponseBytes: SMALL_LIMIT }, lib.InvalidResponseError);
    const { status, attempts, message } = error;
    expect(status === 200 && attempts === 1, `status ${status}, attempts ${attempts}`);
    expect(message.includes(`with a body over ${SMALL_LIMIT} bytes`), `message: ${message}`);
  };

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
        const error = await addFails({ baseUrl: config.refused, retry: { initialDelayMs: 1 } }, lib.ConnectionError);
        const { phase, attempts, errorCode } = error;
        const held = config.browser ? phase === "request" && attempts === 1 : phase === "connect" && attempts > 1;
        expect(held, `phase ${phase}, attempts ${attempts}, errorCode ${errorCode}: ${describe(error)}`);
      },
    ],
    [
      "stalled server: TimeoutError",
      async () => {
        const { limit, attempts } = await addFails({ baseUrl: `${config.api}/stall`, timeoutMs: 300 }, lib.TimeoutError);
        expect(limit === "attempt" && attempts === 1, `limit ${limit}, attempts ${attempts}`);
      },
    ],
    [
      "401 with X-IW-ERROR-CODE / X-IW-ERROR-JSON: AuthenticationError with code and messages",
      async () => {
        const { status, code, messages } = await addFails({ baseUrl: `${config.api}/unauthorized` }, lib.AuthenticationError);
        // The stand-in echoes the token in its second message; the client redacts it.
        const expected = ["JWT expired", "no session [redacted]"];
        expect(
          status === 401 && code === "401" && JSON.stringify(messages) === JSON.stringify(expected),
          `status ${status}, code ${code}, messages ${JSON.stringify(messages)}`,
        );
      },
    ],
    [
      "a 200 whose body breaks the spec: ResponseValidationError naming /id (validateResponses: throw)",
      async () => {
        const error = await addFails({ baseUrl: `${config.api}/drifted`, validateResponses: "throw" }, lib.ResponseValidationError);
        const { issues } = error;
        expect(JSON.stringify(issues) === JSON.stringify([{ path: "/id", message: "must be integer" }]), `issues ${JSON.stringify(issues)}`);
      },
    ],
    ["a chunked body over maxResponseBytes without Content-Length: InvalidResponseError, not retried", () => tooLarge("huge")],
    ["a gzip bomb (a small gzipped body that inflates past maxResponseBytes): InvalidResponseError", () => tooLarge("bomb")],
    ...(config.browser
      ? /** @type {Array<[string, () => Promise<void>]>} */ ([
          [
            // The page is served with `script-src 'self'`, as strict sites are: the cases above checked responses
            // there with generated code that makes no code from text.
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
 * One line about an error: name, message and the first frame, as V8 and JavaScriptCore (`at f (file:1:2)`) or
 * Firefox and Safari (`f@file:1:2`) write it.
 * @param {unknown} error
 */
function describe(error) {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof CaseFailure) return error.message;
  const lines = (error.stack ?? "").split("\n").map((line) => line.trim());
  const where = lines.find((line) => /^at\s/.test(line) || /@.*:\d+:\d+$/.test(line));
  return `${error.name}: ${error.message}${where ? ` (${where})` : ""}`;
}
