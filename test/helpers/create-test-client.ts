/** Moved to test/support; kept until test/testing/support/create-fake-client.ts imports it from there. */
export { rejectionOf } from "../support/create-test-client.js";
