/** A free port on 127.0.0.1; one helper for the whole repository, shared with the contract check. */
export { freePort } from "../../scripts/contract-check/net.mjs";
