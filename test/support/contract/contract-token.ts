/** The token the contract tests send; Prism and the fake tenant accept it, a real tenant needs a real one. */
export const CONTRACT_TOKEN = process.env.IWERP_SESSION_TOKEN ?? "contract-test-token";

/** The API key the contract tests send where they test the `apiKey` scheme; Prism accepts any, a real tenant needs a real one. */
export const CONTRACT_API_KEY = process.env.IWERP_API_KEY ?? "contract-test-api-key";

/**
 * The customer's session token the in-process fake tenant accepts for the customer portal (`/api/cp/…`), where
 * it refuses a staff session as iwERP does; the suite sends it to that target's customer-portal operations.
 */
export const FAKE_TARGET_CUSTOMER_TOKEN = "contract-test-customer-token";
