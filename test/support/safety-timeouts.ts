/**
 * Safety nets, never measurements: how long a test, a hook, or a wait inside a test may take before it is
 * called stuck. They are generous (a loaded 2-core machine with two busy processes beside the suite stays far
 * below them), and `IWERP_TEST_TIMEOUT_SCALE` (a factor, default 1) stretches every one of them for a slower
 * machine still. No test asserts how long something took; timing goals are measured by `npm run bench:tooling`.
 */

/** The factor from `IWERP_TEST_TIMEOUT_SCALE`; 1 when unset or not a positive number. */
export const TIMEOUT_SCALE = ((scale) => (Number.isFinite(scale) && scale > 0 ? scale : 1))(Number(process.env.IWERP_TEST_TIMEOUT_SCALE));

/** `ms` stretched by `IWERP_TEST_TIMEOUT_SCALE`, for a timeout that only stops a test that is stuck. */
export function safetyTimeout(ms: number): number {
  return Math.round(ms * TIMEOUT_SCALE);
}
