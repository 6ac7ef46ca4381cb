import { inspect } from "node:util";
import { expect } from "vitest";
import type { Logger, RetryEvent } from "../../src/index.js";

/** The session token of the tests: distinctive, so finding it anywhere is certain to be a leak. */
export const TOKEN = "tok-SECRET-123";
/** The participant's secret word of the tests. */
export const SECRET_WORD = "word-SECRET-456";
/** The API key of the tests (sent as `x-iw-jwt-token`): distinctive like the token. */
export const API_KEY = "key-SECRET-789";

/** `secret` as a careless or hostile server may echo it: as given, percent-encoded, HTML-escaped and JSON-escaped (`\uXXXX`). */
export function encodedForms(secret: string): string[] {
  const each = (encode: (code: number) => string) => [...secret].map((c) => encode(c.charCodeAt(0))).join("");
  const hex = (code: number) => code.toString(16).padStart(2, "0");
  return [
    secret,
    each((code) => `%${hex(code).toUpperCase()}`),
    each((code) => `%${hex(code)}`),
    each((code) => `&#${code};`),
    each((code) => `&#x${hex(code)};`),
    each((code) => `\\u${hex(code).padStart(4, "0")}`),
  ];
}

/** Every way a caller might print `value`: message, `String`, `JSON.stringify`, `util.inspect` plain and with hidden fields. */
export function printedForms(value: unknown): string[] {
  const forms = [String(value), JSON.stringify(value) ?? "", inspect(value), inspect(value, { depth: Infinity, showHidden: true })];
  if (value instanceof Error) forms.push(value.message, value.stack ?? "");
  return forms;
}

const SECRET_FORMS = [TOKEN, SECRET_WORD, API_KEY].flatMap(encodedForms);

/** Fails when the token, the API key or the secret word appears in any of `texts`, in any of its `encodedForms`. */
export function expectNoSecrets(texts: readonly string[]): void {
  for (const text of texts) {
    for (const form of SECRET_FORMS) expect(text, "a secret leaked").not.toContain(form);
  }
}

/** A logger that keeps every line, and an `onRetry` hook that keeps every event, for a client under test. */
export function createRecorder(): { logger: Logger; onRetry: (event: RetryEvent) => void; lines: string[]; retries: RetryEvent[] } {
  const lines: string[] = [];
  const retries: RetryEvent[] = [];
  return {
    logger: { info: (line) => lines.push(`info: ${line}`), warn: (line) => lines.push(`warn: ${line}`) },
    onRetry: (event) => retries.push(event),
    lines,
    retries,
  };
}

/** Fails when a secret is in any printed form of `error`, in a log line or in a retry event. */
export function expectNothingSecret(error: unknown, recorder: { lines: readonly string[]; retries: readonly RetryEvent[] }): void {
  expectNoSecrets([...printedForms(error), ...recorder.lines, ...recorder.retries.flatMap((event) => printedForms(event))]);
}
