/** The calls waiting on one caller signal, and the one listener of ours on it. */
interface Subscribers {
  callbacks: Set<{ callback: () => void }>;
  listener: () => void;
}

const bySignal = new WeakMap<AbortSignal, Subscribers>();

/**
 * Calls `callback` when `signal` aborts, and returns the function that unsubscribes it. However many
 * calls share one caller signal, the client holds a single listener on it, so a signal passed to a
 * thousand concurrent calls neither trips Node's `MaxListenersExceededWarning` nor keeps listeners
 * once the calls are done.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let subscribers = bySignal.get(signal);
  if (!subscribers) {
    const callbacks = new Set<{ callback: () => void }>();
    const listener = () => {
      bySignal.delete(signal);
      for (const entry of callbacks) entry.callback();
    };
    subscribers = { callbacks, listener };
    bySignal.set(signal, subscribers);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = subscribers;
  const entry = { callback };
  callbacks.add(entry);
  return () => {
    callbacks.delete(entry);
    if (callbacks.size === 0 && bySignal.get(signal)?.callbacks === callbacks) {
      bySignal.delete(signal);
      signal.removeEventListener("abort", listener);
    }
  };
}
