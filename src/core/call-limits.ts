import { onAbort } from "./on-abort.js";

/** Which limit ended an attempt: the caller's signal, the per-attempt timeout or the overall deadline. */
export type LimitKind = "caller" | "attempt" | "deadline";

const noop = () => {};

/** The signal of one attempt and which limit aborted it (see `attemptLimits`). */
export interface AttemptLimits {
  readonly signal: AbortSignal;
  /**
   * Rejects once a limit fires. An attempt is raced against it, so the limits hold even when a caller's
   * `fetch` ignores `request.signal`. Made on first use: a runtime's own fetch honours the signal.
   */
  readonly fired: Promise<never>;
  /** The limit that aborted the attempt, or `undefined` while none has. */
  readonly firedBy: LimitKind | undefined;
  /** Clears the timer and unsubscribes from the caller's signal. */
  dispose(): void;
}

/**
 * The signal of one attempt: it aborts when the caller's signal aborts, the per-attempt timeout passes or
 * the overall deadline passes, and remembers which came first. `dispose()` clears its timer and
 * unsubscribes from the caller's signal, so no call leaves a timer or a listener behind.
 */
export function attemptLimits(callerSignal: AbortSignal | undefined, timeoutMs: number, deadlineAt: number): AttemptLimits {
  const controller = new AbortController();
  const { signal } = controller;
  let firedBy: LimitKind | undefined;
  let fired: Promise<never> | undefined;
  let reject: (reason: unknown) => void = noop;
  let unsubscribe = noop;
  const fire = (kind: LimitKind): void => {
    if (firedBy) return;
    firedBy = kind;
    const reason = new DOMException(`aborted by the ${kind} limit`, kind === "caller" ? "AbortError" : "TimeoutError");
    controller.abort(reason);
    reject(reason);
  };
  const untilDeadline = deadlineAt - Date.now();
  const kind: LimitKind = untilDeadline < timeoutMs ? "deadline" : "attempt";
  const timer = setTimeout(() => fire(kind), Math.max(0, Math.min(timeoutMs, untilDeadline)));
  if (callerSignal?.aborted) fire("caller");
  else if (callerSignal) unsubscribe = onAbort(callerSignal, () => fire("caller"));
  return {
    signal,
    get fired() {
      if (!fired) {
        fired = new Promise<never>((_, rejectFired) => {
          reject = rejectFired;
          if (signal.aborted) rejectFired(signal.reason);
        });
        // Nobody may be racing against it when it fires (the attempt already settled); that is no failure.
        fired.catch(noop);
      }
      return fired;
    },
    get firedBy() {
      return firedBy;
    },
    dispose() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

/**
 * Waits `ms` between attempts; resolves early with the limit that cut the wait short (the caller's
 * signal), or `undefined` when the wait ran its course.
 */
export async function waitBetweenAttempts(ms: number, callerSignal: AbortSignal | undefined): Promise<LimitKind | undefined> {
  // The limits of an attempt whose timeout is the wait and whose deadline never comes: the first to fire ends it.
  const limits = attemptLimits(callerSignal, ms, Infinity);
  await limits.fired.catch(noop);
  limits.dispose();
  return limits.firedBy === "caller" ? "caller" : undefined;
}
