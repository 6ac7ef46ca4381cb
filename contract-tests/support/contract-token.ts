/** The token the contract tests send; Prism and the fake tenant accept it, a real tenant needs a real one. */
export const CONTRACT_TOKEN = process.env.IWERP_SESSION_TOKEN ?? "contract-test-token";
