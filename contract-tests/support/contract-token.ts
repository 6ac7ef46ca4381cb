/** The token the contract tests send; Prism and the fake tenant accept it, a real tenant needs a real one. */
export const CONTRACT_TOKEN = process.env.IWERP_SESSION_TOKEN ?? "contract-test-token";

/** The API key the contract tests send where they test the `apiKey` scheme; Prism accepts any, a real tenant needs a real one. */
export const CONTRACT_API_KEY = process.env.IWERP_API_KEY ?? "contract-test-api-key";
