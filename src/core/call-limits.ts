import { onAbort } from "./on-abort.js";

/** Which limit ended an attempt: the caller's signal, the per-attempt timeout or the overall deadline. */
export type LimitKind = "caller" | "attempt" | "deadline";

const noop = () => {};

/**
 * The signal of one attempt: it aborts when the caller's signal aborts, the per-attempt timeout passes or
 * the overall deadline passes, and remembers which came first. `dispose()` clears its timer and
 * unsubscribes from the caller's signal, so no call leaves a timer or a listener behind.
 */
export class AttemptLimits {
  #firedBy: LimitKind | undefined;
  readonly #controller = new AbortController();
  readonly signal = this.#controller.signal;
  #fired: Promise<never> | undefined;
  #reject: (reason: unknown) => void = noop;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #unsubscribe: () => void = noop;

  constructor(callerSignal: AbortSignal | undefined, timeoutMs: number, deadlineAt: number) {
    const untilDeadline = deadlineAt - Date.now();
    const kind: LimitKind = untilDeadline < timeoutMs ? "deadline" : "attempt";
    this.#timer = setTimeout(() => this.#fire(kind), Math.max(0, Math.min(timeoutMs, untilDeadline)));
    if (callerSignal?.aborted) this.#fire("caller");
    else if (callerSignal) this.#unsubscribe = onAbort(callerSignal, () => this.#fire("caller"));
  }

  /**
   * Rejects once a limit fires. An attempt is raced against it, so the limits hold even when a caller's
   * `fetch` ignores `request.signal`. Made on first use: a runtime's own fetch honours the signal.
   */
  get fired(): Promise<never> {
    if (!this.#fired) {
      this.#fired = new Promise<never>((_, reject) => {
        this.#reject = reject;
        if (this.signal.aborted) reject(this.signal.reason);
      });
      // Nobody may be racing against it when it fires (the attempt already settled); that is no failure.
      this.#fired.catch(noop);
    }
    return this.#fired;
  }

  /** The limit that aborted the attempt, or `undefined` while none has. */
  get firedBy(): LimitKind | undefined {
    return this.#firedBy;
  }

  #fire(kind: LimitKind): void {
    if (this.#firedBy) return;
    this.#firedBy = kind;
    const reason = new DOMException(`aborted by the ${kind} limit`, kind === "caller" ? "AbortError" : "TimeoutError");
    this.#controller.abort(reason);
    this.#reject(reason);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe();
  }
}

/**
 * Waits `ms` between attempts; resolves early with the limit that cut the wait short (the caller's
 * signal), or `undefined` when the wait ran its course.
 */
export async function waitBetweenAttempts(ms: number, callerSignal: AbortSignal | undefined): Promise<LimitKind | undefined> {
  // The limits of an attempt whose timeout is the wait and whose deadline never comes: the first to fire ends it.
  const limits = new AttemptLimits(callerSignal, ms, Infinity);
  await limits.fired.catch(noop);
  limits.dispose();
  return limits.firedBy === "caller" ? "caller" : undefined;
}
