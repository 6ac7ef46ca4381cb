/** The callbacks waiting on each caller signal. */
const bySignal = new WeakMap<AbortSignal, Set<() => void>>();

/** The one listener of ours on every caller signal: calls what waits on it. */
function callWaiting(this: AbortSignal): void {
  const callbacks = bySignal.get(this);
  bySignal.delete(this);
  callbacks?.forEach((callback) => callback());
}

/**
 * Calls `callback` when `signal` aborts, and returns the function that unsubscribes it. However many
 * calls share one caller signal, the client holds a single listener on it, so a signal passed to a
 * thousand concurrent calls neither trips Node's `MaxListenersExceededWarning` nor keeps listeners
 * once the calls are done.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = bySignal.get(signal);
  if (!callbacks) {
    bySignal.set(signal, (callbacks = new Set()));
    signal.addEventListener("abort", callWaiting, { once: true });
  }
  // A wrapper of its own, so the same callback subscribed twice is two subscriptions.
  const entry = () => callback();
  callbacks.add(entry);
  return () => {
    callbacks.delete(entry);
    if (callbacks.size === 0 && bySignal.get(signal) === callbacks) {
      bySignal.delete(signal);
      signal.removeEventListener("abort", callWaiting);
    }
  };
}
