import { AbortError } from "../errors/AbortError.js";
import { ConnectionError, type ConnectionPhase } from "../errors/ConnectionError.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import { afterAttempts, IwErpError } from "../errors/IwErpError.js";
import { InvalidResponseError } from "../errors/InvalidResponseError.js";
import type { ResponseValidationError } from "../errors/ResponseValidationError.js";
import { TimeoutError } from "../errors/TimeoutError.js";
import { AttemptLimits, type LimitKind, waitBetweenAttempts } from "./call-limits.js";
import { httpErrorFromResponse } from "./http-error-from-response.js";
import { parseIwErrorHeaders } from "./iw-error-headers.js";
import { readText, ResponseTooLarge } from "./limit-body.js";
import { fetchFailurePhase, networkErrorCode, networkErrorMessage } from "./network-failure.js";
import { rejectedBeforeSending } from "./rejected-before-sending.js";
import { REDACTED, type Redactor } from "./redactor.js";
import type { CallConfig, ClientConfig } from "./resolve-options.js";
import { ambiguous, retryDelay } from "./retry-policy.js";
import { parseRetryAfter } from "./retry-after.js";
import { textSnippet } from "./text-snippet.js";
import { acceptResponse } from "./check-response.js";
import type { OperationSpec } from "../../generated/operations.js";
import { shapeIssues } from "./check-shape.js";

/** One call of an operation as `request` hands it to `execute`: what it sends, and what its answer must hold. */
export interface Operation<T> {
  /** The request's URL, query string included, as openapi-fetch writes it. */
  url: string;
  /** The request's headers; each attempt sends a copy, so a caller's `fetch` may change its own. */
  headers: Record<string, string>;
  /** The JSON body, serialized once: every attempt sends the same bytes. */
  body: string | undefined;
  /** Redacts this call's secrets. */
  redactor: Redactor;
  /**
   * Says what a 2xx body that passed the response check holds that breaks the spec all the same (e.g. "51 items
   * for pageSize 50"), or `undefined` when it can be used: the call then fails with an `InvalidResponseError`.
   */
  refuse?: ((data: T) => string | undefined) | undefined;
}

/** What the client says when a response came back but it cannot say more. */
const PROCESSED = "The request was probably processed; check before repeating it.";

/**
 * Runs an operation (`spec`, its generated facts: method, whether it is idempotent, what its 2xx body is and its
 * check) with the call's timeouts, deadline, signal and retry policy, and returns the 2xx body parsed from JSON
 * (checked against the spec). This is the one place where `fetch`'s results and
 * exceptions become typed errors: whatever it throws is an `IwErpError`.
 *
 * Each attempt calls `fetch(url, init)`, so the runtime's fetch builds the one `Request` of the attempt,
 * with the attempt's signal and `redirect: "manual"` (a redirect followed elsewhere would carry the session
 * token, so a 3xx becomes an `HttpError`), and reads the body within `maxResponseBytes` (see `readText`).
 *
 * A DELETE whose attempt may have been processed (see `ambiguous`) and whose repetition gets 404 throws a
 * `NotFoundAfterRetryError`: the record is gone, most likely deleted by the earlier attempt.
 */
export async function execute<T>(client: ClientConfig, call: CallConfig, spec: OperationSpec, operation: Operation<T>): Promise<T> {
  const { method } = spec;
  const { url, headers, body, redactor } = operation;
  const deadlineAt = Date.now() + call.deadlineMs;
  if (call.signal?.aborted) throw new AbortError({ method, url, attempts: 0 });

  // The helpers below share the call's method, URL and redactor instead of being handed them.

  /**
   * The `InvalidResponseError` for a response that came back but cannot be used; the message says the status,
   * what is wrong with the body, its content type and its start (redacted), then what to do.
   */
  const unusable = (attempts: number, response: Response | undefined, text: string, problem: string, advice = PROCESSED): InvalidResponseError => {
    const status = response?.status ?? 0;
    const type = response?.headers.get("content-type");
    const contentType = type == null ? undefined : redactor.text(type);
    const snippet = textSnippet(redactor.text(text));
    return new InvalidResponseError(
      { method, url, status, contentType, snippet, attempts },
      `with ${problem} (content-type: ${contentType ?? "none"})${snippet && `: ${snippet}`}. ${advice}`,
    );
  };

  /** The outcome of an answer that arrived: its data, or the error it stands for. */
  const interpret = (response: Response, text: string, attempts: number, deleteRepeated: boolean): IwErpError | { data: T } => {
    // An opaque answer (what a browser's fetch with `mode: "no-cors"` gets) or a network error's (`Response.error()`)
    // shows no status, header or body; status 0 is otherwise the opaque redirect `httpErrorFromResponse` explains.
    if (!response.status && response.type !== "opaqueredirect") {
      return unusable(attempts, response, text, `an ${response.type} answer`, `A fetch with mode: "no-cors" gets one; the tenant must allow this origin by CORS. ${PROCESSED}`);
    }
    if (!response.ok) {
      // JSON when it parses, else the text, as openapi-fetch gives an error body.
      let error: unknown = text;
      try {
        error = JSON.parse(text);
      } catch {}
      const iw = parseIwErrorHeaders(response.headers);
      // No prototype: a header the server calls `__proto__` stays a header.
      const received: Record<string, string> = Object.create(null);
      response.headers.forEach((value, name) => {
        // A cookie the server sets is a credential of its own.
        received[name] = name === "set-cookie" ? REDACTED : redactor.text(value);
      });
      return httpErrorFromResponse(
        {
          method,
          url,
          status: response.status,
          // Never empty (the header is trimmed, an empty one is `undefined`).
          code: iw.code && redactor.text(iw.code),
          messages: iw.messages.map((m) => redactor.text(m)),
          // An empty body is `undefined`, however the server framed it (no body, Content-Length: 0, an empty chunked body).
          body: typeof error !== "string" ? redactor.value(error) : error.trim() ? textSnippet(redactor.text(error)) : undefined,
          headers: received,
          attempts,
          retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
        },
        redactor.text(response.statusText),
        deleteRepeated,
        client.apiKey,
      );
    }
    if (text.trim() === "") return unusable(attempts, response, text, "an empty body");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return unusable(attempts, response, text, "invalid JSON");
    }
    // Whatever the validation mode: the result's type promises an object (or a list), so anything else is no result.
    const shape = data === null ? "null" : Array.isArray(data) ? "array" : typeof data;
    if (shape !== spec.response) return unusable(attempts, response, text, `a JSON ${shape} where the spec says an ${spec.response}`);
    const refused: { error?: ResponseValidationError } = {};
    if (!acceptResponse<T>((value) => shapeIssues(spec.check, value), data, call.validateResponses, { method, url, status: response.status, attempts, redactor }, client.logger, refused)) {
      // `acceptResponse` refuses a body only with the error that says why.
      return refused.error as ResponseValidationError;
    }
    const refusal = operation.refuse?.(data);
    return refusal ? unusable(attempts, response, text, refusal, "The server does not follow the spec; tell the tenant's administrator.") : { data: data as T };
  };

  /** The error for an attempt that threw: a limit that fired, a `fetch` that refused it, a body too large, or the network. */
  const classifyThrown = (error: unknown, firedBy: LimitKind | undefined, response: Response | undefined, attempts: number): IwErpError => {
    if (firedBy === "caller") return new AbortError({ method, url, attempts });
    if (firedBy) {
      const timeoutMs = firedBy === "attempt" ? call.timeoutMs : call.deadlineMs;
      return new TimeoutError({ method, url, limit: firedBy, timeoutMs, responseStatus: response?.status, attempts });
    }
    // `fetch` refused the request: nothing was sent.
    if (!response && rejectedBeforeSending(error)) {
      const detail = redactor.text(String(error));
      const problem = `refused the request (${detail}); pass one that works when called alone, e.g. \`window.fetch.bind(window)\`.`;
      return new InvalidInputError("fetch", problem, { method, url });
    }
    if (error instanceof ResponseTooLarge) {
      return unusable(attempts, response, "", `a body over ${client.maxResponseBytes} bytes`, "Raise `maxResponseBytes` if that is expected.");
    }
    const errorCode = networkErrorCode(error);
    const detail = redactor.text(networkErrorMessage(error));
    // A cause without the original object graph: a custom fetch's error could hold request headers.
    const cause = Object.assign(new Error(detail), errorCode && { code: errorCode });
    const phase = response ? "response" : fetchFailurePhase(errorCode);
    const [what, advice] = BROKE[phase];
    return new ConnectionError(
      { method, url, phase, errorCode, attempts },
      `${method} ${url} ${response ? `lost the connection while reading the ${response.status} response` : what} (${detail})${afterAttempts(attempts)}. ${advice}`,
      { cause },
    );
  };

  // Whether an earlier attempt may have been processed although it failed.
  let unsure = false;
  for (let attempt = 1; ; attempt++) {
    const limits = new AttemptLimits(call.signal, call.timeoutMs, deadlineAt);
    // Known as soon as the head of the answer arrives, whatever happens to the body.
    let response: Response | undefined;
    // The whole body as text ("" when it had none).
    let text: string | undefined;
    let failure: IwErpError | undefined;
    try {
      const sent = (async () => {
        response = await client.fetch(url, { method, headers: { ...headers }, body, redirect: "manual", signal: limits.signal });
        return readText(response, client.maxResponseBytes);
      })();
      if (client.race) {
        // Raced, so the limits hold even when a caller's fetch ignores the signal; its late outcome is dropped.
        sent.catch(() => {});
        text = await Promise.race([sent, limits.fired]);
      } else {
        text = await sent;
      }
    } catch (error) {
      failure = classifyThrown(error, limits.firedBy, response, attempt);
    } finally {
      limits.dispose();
    }
    // Outside the try above: a failure while making sense of an answer that arrived is never a network failure.
    let outcome;
    try {
      outcome = failure ?? interpret(response as Response, text as string, attempt, unsure && method === "DELETE");
    } catch (error) {
      // A defect in reading an answer must not escape as a RangeError or TypeError. No part of the answer is shown:
      // redacting it may be what failed.
      const status = response?.status ?? 0;
      outcome = new InvalidResponseError(
        { method, url, status, contentType: undefined, snippet: "", attempts: attempt },
        `with an answer the client failed to read (${(error as Error)?.name}). ${PROCESSED}`,
      );
    }
    if (!(outcome instanceof IwErpError)) return outcome.data;
    unsure ||= ambiguous(outcome);
    const delayMs = retryDelay(outcome, attempt, call.retry, spec.idempotent);
    if (delayMs === undefined || Date.now() + delayMs >= deadlineAt) throw outcome;
    const { maxAttempts } = call.retry;
    client.logger.info(
      `iwerp-chat: retrying ${method} ${url} in ${delayMs} ms (attempt ${attempt + 1} of ${maxAttempts}) after ${outcome.name}: ${outcome.message}`,
    );
    // A hook that throws must not turn the call's outcome into another, as a logger that throws does not.
    try {
      call.retry.onRetry?.({ attempt, maxAttempts, delayMs, error: outcome, method, url });
    } catch {}
    if ((await waitBetweenAttempts(delayMs, call.signal)) === "caller") throw new AbortError({ method, url, attempts: attempt });
  }
}

/** What a connection failure's message says happened, by phase, and what that means for repeating it. */
const BROKE: Record<ConnectionPhase, readonly [string, string]> = {
  connect: ["could not connect", "Nothing was sent."],
  request: ["failed before an answer came", "It may have been processed."],
  response: ["got a broken or unreadable answer", "The request was processed; check before repeating it."],
};
