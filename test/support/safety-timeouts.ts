// Safety nets, never measurements: generous for a loaded 2-core machine; no test asserts how long something took.
const SCALE = Number(process.env.IWERP_TEST_TIMEOUT_SCALE);

/** `ms` stretched by `IWERP_TEST_TIMEOUT_SCALE` (a factor, default 1), for a timeout that only stops a test that is stuck. */
export function safetyTimeout(ms: number): number {
  return Math.round(ms * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1));
}
