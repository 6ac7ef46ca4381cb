import type { IwErpError } from "./errors/IwErpError.js";

/** Where log lines of the client go. Every line is free of secrets. */
export interface Logger {
  /** Routine events, e.g. a retry. */
  info(message: string): void;
  /** Something the caller should look at, e.g. a response that does not match the spec. */
  warn(message: string): void;
}

/** What `validateResponses` does with a response that does not match the spec. */
export type ResponseValidationMode = "off" | "warn" | "throw";

/** What the `onRetry` hook is told before the client waits and tries again. */
export interface RetryEvent {
  /** The attempt that failed, starting at 1. */
  attempt: number;
  /** The most attempts this call makes. */
  maxAttempts: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  delayMs: number;
  /** Why the attempt failed (already redacted), e.g. a `ConnectionError` or a `ServerError` for 503. */
  error: IwErpError;
  method: string;
  url: string;
}

/**
 * When and how a failed call is tried again. GET, PUT and DELETE are idempotent, so they are repeated after
 * any failure that leaves no answer (a refused or reset connection, an attempt timeout before an answer) and
 * after 429, 500, 502, 503 and 504. A POST creates a record and takes no idempotency key, so by default it
 * is repeated only when it certainly was not processed: the connection was refused or the host name did not
 * resolve, or the server answered 429 or 503. So is `apiTokens.create`, a GET that mints a new token each time.
 */
export interface RetryOptions {
  /** The most attempts per call, the first included. Default: `3`. `1` turns retries off. */
  maxAttempts?: number | undefined;
  /** The wait before the first retry; it doubles per retry, with jitter (50–100 %). Default: `250` ms. */
  initialDelayMs?: number | undefined;
  /**
   * The longest wait between attempts, in milliseconds. A `Retry-After` longer than this is not waited
   * for: the call fails with a `RateLimitError`/`ServerError` whose `retryAfterMs` says when to try again.
   * Default: `10000`.
   */
  maxDelayMs?: number | undefined;
  /**
   * Also retry a POST (and `apiTokens.create`) after failures after which the server may have processed it: a per-attempt timeout, a
   * connection reset before any answer, 500/502/504. This can create a record twice. Idempotent methods are
   * retried after these anyway. Default: `false`.
   */
  retryAmbiguous?: boolean | undefined;
  /** Called before each retry, e.g. for metrics; one that throws is ignored. Default: none. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** Options for one call; each overrides the client's option of the same name. */
export interface CallOptions {
  /** Aborts the call; it then fails with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds. Default: the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Overall deadline across all attempts and waits, in milliseconds. Default: the client's `deadlineMs`. */
  deadlineMs?: number | undefined;
  /** Retry behaviour, merged over the client's; `false` makes one attempt only. */
  retry?: RetryOptions | false | undefined;
  /** Response validation mode. Default: the client's `validateResponses`. */
  validateResponses?: ResponseValidationMode | undefined;
}

/** How to reach a tenant and how calls behave: the options `createChatClient` and `login` share. Give either `host` or `baseUrl`. */
export interface ConnectionOptions {
  /** Your tenant's host name, e.g. `acme.iw-erp.de` (optionally with `:port`); the client uses HTTPS. */
  host?: string | undefined;
  /**
   * A full base URL instead of `host`, e.g. `https://acme.iw-erp.de` or a local mock such as
   * `http://127.0.0.1:4010`. Plain `http://` is accepted only for loopback hosts unless
   * `allowInsecureHttp` is set.
   */
  baseUrl?: string | undefined;
  /** Sent as the `iw-build-id` query parameter on every call. Default: not sent. */
  buildId?: string | undefined;
  /** Sent as the `iw-package-id` query parameter on every call. Default: not sent. */
  packageId?: string | undefined;
  /**
   * Extra headers sent on every call; not `x-session-token` or `x-iw-jwt-token` (they have their options). An
   * `Authorization` header (e.g. a gateway's) is redacted from errors and logs as a secret. Default: none.
   */
  headers?: Record<string, string> | undefined;
  /**
   * The `fetch` to use, e.g. for a proxy or tests (node-fetch's too, for the client's calls: a body that is a Node.js
   * stream is read; `createRawClient` hands it a `Request`, which node-fetch 2 does not take). Default: `globalThis.fetch`.
   * Typed by its call alone, not `typeof fetch`: in Bun that type also has `fetch.preconnect`, which a wrapper lacks.
   */
  fetch?: ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** Per-attempt timeout in milliseconds, reading the body included. Default: `30000`. */
  timeoutMs?: number | undefined;
  /** Overall deadline of a call across all attempts and waits, in milliseconds. Default: `90000`. */
  deadlineMs?: number | undefined;
  /** Retry behaviour; `false` makes one attempt only. Default: see `RetryOptions`. */
  retry?: RetryOptions | false | undefined;
  /**
   * What to do with a 2xx response that does not match the spec: `"off"`, `"warn"` (log it and return the
   * data) or `"throw"` (a `ResponseValidationError`). Default: `"warn"`, because a create that succeeded
   * must not look failed: a caller who sees an error may create the record a second time.
   */
  validateResponses?: ResponseValidationMode | undefined;
  /** The largest response body read, in bytes; a larger one fails with an `InvalidResponseError`. Default: 10 MiB. */
  maxResponseBytes?: number | undefined;
  /** Allow `http://` to a host that is not loopback; the token then travels unencrypted. Default: `false`. */
  allowInsecureHttp?: boolean | undefined;
  /** Where log lines go; `false` for none. Default: warnings to `console.warn`, nothing else. */
  logger?: Logger | false | undefined;
}

/** A session token as the credential: the session id sent as `x-session-token`. */
export interface SessionTokenCredential {
  /** The session id sent as `x-session-token`: `session.sessionid` from `login()`. */
  sessionToken: string;
  /** Leave out (or `undefined`) with a session token: a client sends one credential. */
  apiKey?: undefined;
}

/** An API key as the credential: a JWT sent as `x-iw-jwt-token`, the way for integrations (a session expires). */
export interface ApiKeyCredential {
  /**
   * An API key (a JWT) created in the iwERP UI under the user settings, or with `chat.apiTokens.create()`;
   * sent as `x-iw-jwt-token`, and no `x-session-token`.
   */
  apiKey: string;
  /** Leave out (or `undefined`) with an API key: a client sends one credential. */
  sessionToken?: undefined;
}

/**
 * Options of `createChatClient`: `host` or `baseUrl`, and exactly one credential, `apiKey` or `sessionToken`
 * (both, or neither, do not compile, and throw an `InvalidInputError`).
 */
export type ChatClientOptions = ConnectionOptions & (ApiKeyCredential | SessionTokenCredential);
