/**
 * A fake iwERP tenant for an app's tests: `createFakeTenant()` serves the chat API from memory through its `fetch`,
 * `serveFakeTenant` over HTTP.
 * @module iwerp-chat-client/testing
 */
export { createFakeTenant, type FakeTenant } from "./fake-tenant.js";
export { DEFAULT_SEED, FAKE_API_KEY, FAKE_CUSTOMER_SESSION_TOKEN, FAKE_SESSION_TOKEN, FAKE_USER } from "./default-seed.js";
export { serveFakeTenant, type FakeTenantServer, type ServeFakeTenantOptions } from "./http-server.js";
export { createSteppingClock, DEFAULT_CLOCK_START, type FakeClock } from "./clock.js";
export type { FakeFault } from "./faults.js";
export type { ReceivedRequest } from "./received-request.js";
export type {
  FakeRecords,
  FakeSeed,
  FakeTenantOptions,
  FakeUser,
  FilterValue,
  SeedChatroom,
  SeedMessage,
  SeedParticipant,
  SeedReaction,
} from "./options.js";
