/** The defaults of the client's options, in one place (documented on `ChatClientOptions`). */
export const DEFAULTS = {
  timeoutMs: 30_000,
  deadlineMs: 90_000,
  maxResponseBytes: 10 * 1024 * 1024,
  validateResponses: "warn",
  retry: { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 10_000, retryAmbiguous: false },
} as const;
