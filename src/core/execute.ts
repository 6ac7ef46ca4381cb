import { AbortError } from "../errors/AbortError.js";
import { ConnectionError } from "../errors/ConnectionError.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import { IwErpError } from "../errors/IwErpError.js";
import { InvalidResponseError } from "../errors/InvalidResponseError.js";
import type { ResponseValidationError } from "../errors/ResponseValidationError.js";
import { TimeoutError } from "../errors/TimeoutError.js";
import { AttemptLimits, type LimitKind, waitBetweenAttempts } from "./call-limits.js";
import { httpErrorFromResponse } from "./http-error-from-response.js";
import { parseIwErrorHeaders } from "./iw-error-headers.js";
import { limitBody, ResponseTooLarge } from "./limit-body.js";
import { fetchFailurePhase, networkErrorCode, networkErrorMessage } from "./network-failure.js";
import { rejectedBeforeSending } from "./rejected-before-sending.js";
import { partsOf } from "./request-parts.js";
import { REDACTED, type Redactor } from "./redactor.js";
import type { CallConfig, ClientConfig } from "./resolve-options.js";
import { retryDelay } from "./retry-policy.js";
import { parseRetryAfter } from "./retry-after.js";
import { textSnippet } from "./text-snippet.js";
import { acceptResponse } from "./check-response.js";
import type { ShapeIssue } from "./check-shape.js";

/**
 * What an attempt hands to openapi-fetch: the attempt's signal, a guarded `fetch`, text parsing, and no
 * redirects: a redirect followed elsewhere would carry the session token, so a 3xx becomes an `HttpError`.
 */
export interface AttemptInit {
  signal: AbortSignal;
  /** Gets what openapi-fetch built with the wire client's `Request` option (`RequestParts`, typed as openapi-fetch declares it). */
  fetch: (request: Request) => Promise<Response>;
  parseAs: "text";
  redirect: "manual";
}

/** One operation as the resource methods describe it to `execute`. */
export interface Operation<T> {
  method: string;
  /** The URL as shown in messages until the first request is built. */
  url: string;
  /** Redacts this call's secrets. */
  redactor: Redactor;
  /** The places where a 2xx body breaks the spec (none: it is a `T`). */
  check: (value: unknown) => ShapeIssue[];
  /** What the spec says a 2xx body is at its top level; anything else is an `InvalidResponseError`. */
  shape: "object" | "array";
  /** Whether repeating the request has the effect of sending it once, so an ambiguous failure may be retried. */
  idempotent: boolean;
  /** Sends one attempt through openapi-fetch. */
  attempt: (init: AttemptInit) => Promise<AttemptResult>;
}

/** What openapi-fetch returns for one attempt. */
type AttemptResult = { data?: string | undefined; error?: unknown; response: Response };

/** Facts of one attempt that decide how its failure is classified. */
interface AttemptState {
  url: string;
  /** Whether openapi-fetch got as far as calling `fetch`: a throw before that sent nothing. */
  fetched: boolean;
  response: Response | undefined;
}

/**
 * Runs an operation with the call's timeouts, deadline, signal and retry policy, and returns the 2xx body
 * parsed from JSON (checked against the spec). This is the one place where openapi-fetch's results and
 * exceptions become typed errors.
 */
export async function execute<T>(client: ClientConfig, call: CallConfig, operation: Operation<T>): Promise<T> {
  const deadlineAt = Date.now() + call.deadlineMs;
  let url = operation.url;
  if (call.signal?.aborted) throw new AbortError({ method: operation.method, url, attempts: 0 });
  for (let attempt = 1; ; attempt++) {
    const limits = new AttemptLimits(call.signal, call.timeoutMs, deadlineAt);
    const state: AttemptState = { url, fetched: false, response: undefined };
    let settled: { result: AttemptResult } | { thrown: IwErpError };
    try {
      const sent = operation.attempt({
        signal: limits.signal,
        parseAs: "text",
        redirect: "manual",
        fetch: async (built) => {
          const parts = partsOf(built);
          state.url = url = parts.url;
          state.fetched = true;
          // `fetch(url, init)`, the runtime's and a caller's alike: the one Request of the attempt is built there.
          const response = await client.fetch(parts.url, parts.init);
          state.response = response;
          return limitBody(response, client.maxResponseBytes);
        },
      });
      if (client.fetchHonoursSignal) {
        settled = { result: await sent };
      } else {
        // Raced, so the limits hold even when a caller's fetch ignores the signal; its late outcome is dropped.
        sent.catch(() => {});
        settled = { result: await Promise.race([sent, limits.fired]) };
      }
    } catch (error) {
      settled = { thrown: classifyThrown(error, limits.firedBy, state, operation, call, client, attempt) };
    } finally {
      limits.dispose();
    }
    // Outside the try above: a failure while making sense of an answer that arrived is never a network failure.
    const outcome = "result" in settled ? interpret(client, call, operation, settled.result, state.url, attempt) : settled.thrown;
    if (!(outcome instanceof IwErpError)) return outcome.data;
    const failure = outcome;
    const delayMs = retryDelay(failure, attempt, call.retry, operation.idempotent);
    if (delayMs === undefined || Date.now() + delayMs >= deadlineAt) throw failure;
    const event = { attempt, maxAttempts: call.retry.maxAttempts, delayMs, error: failure, method: operation.method, url };
    client.logger.info(
      `iwerp-chat: retrying ${operation.method} ${url} in ${delayMs} ms (attempt ${attempt + 1} of ${call.retry.maxAttempts}) after ${failure.name}: ${failure.message}`,
    );
    call.retry.onRetry?.(event);
    if ((await waitBetweenAttempts(delayMs, call.signal)) === "caller") {
      throw new AbortError({ method: operation.method, url, attempts: attempt });
    }
  }
}

function interpret<T>(
  client: ClientConfig,
  call: CallConfig,
  operation: Operation<T>,
  result: AttemptResult,
  url: string,
  attempts: number,
): IwErpError | { data: T } {
  const { response } = result;
  const { method, redactor } = operation;
  if (!response.ok) return failedResponse(result, method, url, attempts, redactor);
  const text = result.data ?? "";
  const invalid = (problem: string, contentType = redactedContentType(response, redactor)) =>
    new InvalidResponseError(
      { method, url, status: response.status, contentType, snippet: textSnippet(redactor.text(text)), attempts },
      `${method} ${url} returned ${response.status} with ${problem} (content-type: ${contentType ?? "none"})` +
        `${text ? `: ${textSnippet(redactor.text(text))}` : ""}. The request was probably processed; check before repeating it.`,
    );
  if (text.trim() === "") return invalid("an empty body where JSON was expected");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return invalid("a body that is not valid JSON");
  }
  // Whatever the validation mode: the result's type promises an object (or a list), so anything else is no result.
  const shape = data === null ? "null" : Array.isArray(data) ? "array" : typeof data;
  if (shape !== operation.shape) return invalid(`a JSON ${shape} where the spec says ${operation.shape === "object" ? "an object" : "an array"}`);
  const context = { method, url, status: response.status, attempts, redactor };
  const refused: { error?: ResponseValidationError } = {};
  if (acceptResponse<T>(operation.check, data, call.validateResponses, context, client.logger, refused)) return { data };
  return refused.error ?? invalid("a body the check refused");
}

/** The `HttpError` for a non-2xx answer, its body and headers redacted. */
function failedResponse(result: AttemptResult, method: string, url: string, attempts: number, redactor: Redactor): IwErpError {
  const { response } = result;
  const iw = parseIwErrorHeaders(response.headers);
  // An empty body is `undefined`, however the server framed it (no body, Content-Length: 0, an empty chunked body).
  const body =
    typeof result.error === "string"
      ? result.error.trim() === ""
        ? undefined
        : textSnippet(redactor.text(result.error))
      : redactor.value(result.error);
  // No prototype: a header the server calls `__proto__` stays a header.
  const headers: Record<string, string> = Object.create(null);
  response.headers.forEach((value, name) => {
    // A cookie the server sets is a credential of its own.
    headers[name] = name === "set-cookie" ? REDACTED : redactor.text(value);
  });
  return httpErrorFromResponse(
    {
      method,
      url,
      status: response.status,
      code: iw.code === undefined ? undefined : redactor.text(iw.code),
      messages: iw.messages.map((m) => redactor.text(m)),
      body,
      headers,
      attempts,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    },
    redactor.text(response.statusText),
  );
}

function classifyThrown(
  error: unknown,
  firedBy: LimitKind | undefined,
  state: AttemptState,
  operation: Operation<unknown>,
  call: CallConfig,
  client: ClientConfig,
  attempts: number,
): IwErpError {
  const { method, redactor } = operation;
  const url = state.url;
  if (firedBy === "caller") return new AbortError({ method, url, attempts });
  if (firedBy === "attempt" || firedBy === "deadline") {
    const timeoutMs = firedBy === "attempt" ? call.timeoutMs : call.deadlineMs;
    return new TimeoutError({ method, url, limit: firedBy, timeoutMs, responseStatus: state.response?.status, attempts });
  }
  if (!state.fetched) {
    // openapi-fetch threw while building the request, so nothing was sent; the options checks should make this unreachable.
    const detail = redactor.text(error instanceof Error ? error.message : String(error));
    return new InvalidInputError("request", `could not be built, so nothing was sent (${detail}).`, { method, url });
  }
  if (!state.response && rejectedBeforeSending(error)) {
    const detail = redactor.text(`${(error as Error).name}: ${(error as Error).message}`);
    return new InvalidInputError(
      "fetch",
      `refused the request before sending it (${detail}), so nothing was sent. If you passed your own \`fetch\`, check that it can be called on its own (e.g. \`fetch: window.fetch.bind(window)\`).`,
      { method, url },
    );
  }
  if (error instanceof ResponseTooLarge || (error instanceof Error && error.cause instanceof ResponseTooLarge)) {
    const response = state.response;
    const contentType = response && redactedContentType(response, redactor);
    return new InvalidResponseError(
      { method, url, status: response?.status ?? 0, contentType, snippet: "", attempts },
      `${method} ${url} returned a body larger than maxResponseBytes (${client.maxResponseBytes} bytes); raise \`maxResponseBytes\` if that is expected.`,
    );
  }
  const errorCode = networkErrorCode(error);
  const detail = redactor.text(networkErrorMessage(error));
  // A cause without the original object graph: a custom fetch's error could hold request headers.
  const cause = Object.assign(new Error(detail), errorCode ? { code: errorCode } : {});
  if (state.response) {
    return new ConnectionError(
      { method, url, phase: "response", errorCode, attempts },
      `${method} ${url}: the connection broke while reading the ${state.response.status} response (${detail}). The request was processed; check before repeating it.`,
      { cause },
    );
  }
  const phase = fetchFailurePhase(errorCode);
  const what =
    phase === "connect"
      ? "could not connect, so the request was not sent"
      : phase === "response"
        ? "got an answer that broke off or could not be read; the request was processed, so check before repeating it"
        : "failed before an answer came; the server may or may not have processed the request";
  return new ConnectionError({ method, url, phase, errorCode, attempts }, `${method} ${url} ${what} (${detail}).`, { cause });
}

function redactedContentType(response: Response, redactor: Redactor): string | undefined {
  const value = response.headers.get("content-type");
  return value === null ? undefined : redactor.text(value);
}
