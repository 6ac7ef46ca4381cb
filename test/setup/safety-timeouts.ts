/** Moved to test/support; kept until contract-tests/support/global-setup.ts imports it from there. */
export { safetyTimeout, TIMEOUT_SCALE } from "../support/safety-timeouts.js";
