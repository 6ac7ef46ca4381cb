import type { CallOptions, ConnectionOptions, Logger, ResponseValidationMode, RetryEvent, RetryOptions } from "../client-options.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import { resolveBaseUrl } from "./base-url.js";
import { checkCount, checkDuration, mustBe } from "./check-input.js";
import { DEFAULTS } from "./defaults.js";

/** The retry options with every default filled in. */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  retryAmbiguous: boolean;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** A checked credential: the header it is sent in (`x-session-token` or `x-iw-jwt-token`) and its value. */
export type Credential = readonly [header: string, value: string];

/** The header an API key is sent in (the spec's `apiKey` scheme). */
export const API_KEY_HEADER = "x-iw-jwt-token";

/** The client's options, checked, with every default filled in. */
export interface ClientConfig {
  baseUrl: string;
  /** Whether the credential is an API key (not a session token, nor none for a client that logs in): a 401's hint says to create a new one. */
  apiKey: boolean;
  fetch: typeof fetch;
  /** Whether each attempt is raced against its limits: `fetch` is a caller's, which may ignore `request.signal` (the runtime's own honours it). */
  race: boolean;
  maxResponseBytes: number;
  logger: Logger;
  /** The call options of a call that passes none: the client's timeouts, retry policy and validation mode. */
  defaultCall: CallConfig;
}

/** The options of one call, merged over the client's. */
export interface CallConfig {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  deadlineMs: number;
  retry: RetryPolicy;
  validateResponses: ResponseValidationMode;
}

const SILENT: Logger = { info() {}, warn() {} };
const WARNINGS_TO_CONSOLE: Logger = { info() {}, warn: (message) => console.warn(message) };
const MODES: ReadonlyArray<ResponseValidationMode> = ["off", "warn", "throw"];

/**
 * Checks a client's options that the calls read, and fills in the defaults; throws `InvalidInputError`. The caller
 * has checked that `options` is an object (its message names what it needs) and the credential, whose source it
 * knows; `connect` checks what goes on the wire (`buildId`, `packageId`, `headers`).
 */
export function resolveClientOptions(options: ConnectionOptions, apiKey: boolean): ClientConfig {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw mustBe("fetch", "a function; pass one if the runtime has no global fetch");
  // Called as a plain function: a browser's fetch throws "Illegal invocation" when called as a method of another object.
  const callFetch: typeof fetch = (input, init) => fetchImpl(input, init);
  checkType("allowInsecureHttp", options.allowInsecureHttp, "boolean");
  return {
    baseUrl: resolveBaseUrl(options),
    apiKey,
    fetch: callFetch,
    race: options.fetch !== undefined,
    // The options a call may override are checked as a call's are. Most calls pass none: they share this one
    // frozen object instead of building it anew.
    defaultCall: Object.freeze(mergeCallOptions(DEFAULTS, options, undefined)),
    maxResponseBytes: checkCount("maxResponseBytes", options.maxResponseBytes, 1) ?? DEFAULTS.maxResponseBytes,
    logger: resolveLogger(options.logger),
  };
}

/**
 * Throws the `InvalidInputError` every call gives for options that are no object (none: `undefined`), naming `call`
 * when given (the call it stopped).
 */
export function checkCallOptions(options: unknown, call?: { method: string; url: string }): void {
  if (options !== undefined && (options === null || typeof options !== "object")) throw mustBe("options", "an object such as `{ signal }`", undefined, call);
}

/** Merges one call's options over the client's; throws `InvalidInputError`. */
export function resolveCallOptions(config: ClientConfig, options?: CallOptions): CallConfig {
  checkCallOptions(options);
  if (options === undefined) return config.defaultCall;
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw mustBe("signal", "an AbortSignal");
  return mergeCallOptions(config.defaultCall, options, options.signal);
}

/** The options a call may override (`timeoutMs`, `deadlineMs`, `retry`, `validateResponses`), checked, over `base`. */
function mergeCallOptions(base: Omit<CallConfig, "signal">, options: Omit<CallOptions, "signal">, signal: AbortSignal | undefined): CallConfig {
  return {
    signal,
    timeoutMs: checkDuration("timeoutMs", options.timeoutMs) ?? base.timeoutMs,
    deadlineMs: checkDuration("deadlineMs", options.deadlineMs) ?? base.deadlineMs,
    retry: resolveRetry(base.retry, options.retry),
    validateResponses: checkMode(options.validateResponses) ?? base.validateResponses,
  };
}

function resolveRetry(base: RetryPolicy, options: RetryOptions | false | undefined): RetryPolicy {
  if (options === undefined) return base;
  if (options === false) return { ...base, maxAttempts: 1 };
  if (options === null || typeof options !== "object") {
    throw mustBe("retry", "an object of retry options, or false");
  }
  checkType("retry.onRetry", options.onRetry, "function");
  checkType("retry.retryAmbiguous", options.retryAmbiguous, "boolean");
  return {
    maxAttempts: checkCount("retry.maxAttempts", options.maxAttempts, 1) ?? base.maxAttempts,
    initialDelayMs: checkDuration("retry.initialDelayMs", options.initialDelayMs) ?? base.initialDelayMs,
    maxDelayMs: checkDuration("retry.maxDelayMs", options.maxDelayMs) ?? base.maxDelayMs,
    retryAmbiguous: options.retryAmbiguous ?? base.retryAmbiguous,
    // A hook is a bystander as a logger is: its failures are ignored (see `quietly`).
    onRetry: options.onRetry ? quietly(options.onRetry) : base.onRetry,
  };
}

function checkMode(value: unknown): ResponseValidationMode | undefined {
  if (value === undefined) return undefined;
  if (!MODES.includes(value as ResponseValidationMode)) {
    throw mustBe("validateResponses", '"off", "warn" or "throw"', JSON.stringify(value));
  }
  return value as ResponseValidationMode;
}

function resolveLogger(logger: Logger | false | undefined): Logger {
  if (logger === undefined) return WARNINGS_TO_CONSOLE;
  if (logger === false) return SILENT;
  if (typeof logger !== "object" || typeof logger.warn !== "function" || typeof logger.info !== "function") {
    throw new InvalidInputError("logger", "must have `info` and `warn` methods (e.g. `console`), or be false.");
  }
  return { info: quietly((message) => logger.info(message)), warn: quietly((message) => logger.warn(message)) };
}

/**
 * `callback` with its failures ignored. A logger or an `onRetry` hook that throws must not turn a call's outcome into
 * another: a stored record still resolves. Nor one whose promise rejects (an async logger or metrics hook, its service
 * down): unhandled, that rejection would end a Node.js process.
 */
function quietly<T>(callback: (value: T) => void): (value: T) => void {
  return (value) => {
    try {
      (callback(value) as unknown as Promise<void> | undefined)?.catch?.(() => {});
    } catch {}
  };
}

/** Throws unless `value` is left out or of the type `type`. */
function checkType(name: string, value: unknown, type: "boolean" | "function"): void {
  if (value !== undefined && typeof value !== type) throw mustBe(name, type === "boolean" ? "true or false" : "a function");
}
