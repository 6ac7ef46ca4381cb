/** Where the fake's default clock starts: shortly after the spec examples' `2025-05-04T09:42:00Z`. */
export const DEFAULT_CLOCK_START = "2025-05-04T10:00:00Z";

/**
 * A clock for the fake tenant: called once per write, it says when that write happened. Return a `Date`,
 * an ISO date-time string or epoch milliseconds.
 */
export type FakeClock = () => Date | string | number;

/** The key of a stepping clock's restart, which `reset()` calls: a clock of the app's own cannot be wound back. */
const RESTART = Symbol("restart");

/**
 * A clock that starts at `start` and moves on by `stepMs` each time it is read, so that the timestamps
 * of a test are the same on every run. The fake's default is `createSteppingClock("2025-05-04T10:00:00Z", 1000)`.
 * The `reset()` of a fake tenant it is given to starts it again from `start`.
 * @example
 * const tenant = createFakeTenant({ clock: createSteppingClock("2030-01-01T00:00:00Z", 60_000) });
 * // the first write is stamped 2030-01-01T00:00:00Z, the second 2030-01-01T00:01:00Z
 */
export function createSteppingClock(start: Date | string | number = DEFAULT_CLOCK_START, stepMs = 1000): FakeClock {
  const first = new Date(start).getTime();
  if (Number.isNaN(first)) throw new TypeError(`createSteppingClock: start ${JSON.stringify(start)} is not a date.`);
  if (!Number.isFinite(stepMs) || stepMs < 0) throw new TypeError(`createSteppingClock: stepMs must be a number of milliseconds from 0 (got ${String(stepMs)}).`);
  let reads = 0;
  return Object.assign(() => new Date(first + stepMs * reads++), {
    [RESTART]: () => {
      reads = 0;
    },
  });
}

/** Winds a clock from `createSteppingClock` back to its start; any other clock is left as it is. */
export function restartClock(clock: FakeClock | undefined): void {
  (clock as { [RESTART]?: () => void } | undefined)?.[RESTART]?.();
}

/** A clock reading as the API writes times: ISO 8601 in UTC with `Z`, milliseconds only when there are any. */
export function isoTime(reading: Date | string | number): string {
  const date = new Date(reading);
  if (Number.isNaN(date.getTime())) throw new TypeError(`the fake tenant's clock returned ${JSON.stringify(reading)}, which is not a date.`);
  return date.toISOString().replace(".000Z", "Z");
}
