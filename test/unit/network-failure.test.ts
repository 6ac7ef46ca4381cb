import { expect, test } from "vitest";
import { fetchFailurePhase, networkErrorCode, networkErrorMessage } from "../../src/core/network-failure.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** What Deno 2's fetch throws: a TypeError whose cause only describes the failure in words. */
const denoError = (detail: string) =>
  new TypeError("fetch failed", { cause: new Error(`error sending request for url (http://127.0.0.1:4010/api/chat/chatroom_participant): ${detail}`) });

test("finds the system error code in undici's cause chain", () => {
  const error = new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED") });

  expect(networkErrorCode(error)).toBe("ECONNREFUSED");
  expect(networkErrorMessage(error)).toBe("connect ECONNREFUSED 127.0.0.1:9");
});

test("looks inside an AggregateError, as undici gives for a host with several addresses", () => {
  const cause = new AggregateError([withCode("connect ECONNREFUSED ::1:9", "ECONNREFUSED"), withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED")]);

  expect(networkErrorCode(new TypeError("fetch failed", { cause }))).toBe("ECONNREFUSED");
});

test("reads the code Bun sets on the TypeError itself", () => {
  const refused = Object.assign(new TypeError("ECONNREFUSED: Unable to connect. Is the computer able to access the url?"), { code: "ECONNREFUSED", errno: 0 });
  const reset = Object.assign(new TypeError("ECONNRESET: The socket connection was closed unexpectedly."), { code: "ECONNRESET" });

  expect(fetchFailurePhase(networkErrorCode(refused))).toBe("connect");
  expect(fetchFailurePhase(networkErrorCode(reset))).toBe("request");
});

test.each([
  ["client error (Connect): tcp connect error: Connection refused (os error 111)", "ECONNREFUSED"],
  ["client error (Connect): tcp connect error: No connection could be made because the target machine actively refused it. (os error 10061)", "ECONNREFUSED"],
  ["client error (Connect): dns error: failed to lookup address information: Name or service not known", "ENOTFOUND"],
  ["client error (Connect): dns error: failed to lookup address information: Temporary failure in name resolution", "EAI_AGAIN"],
  ["client error (Connect): tcp connect error: Network is unreachable (os error 101)", "ENETUNREACH"],
  ["client error (Connect): tcp connect error: No route to host (os error 113)", "EHOSTUNREACH"],
  ["client error (Connect): invalid peer certificate: UnknownIssuer", "CERT_INVALID"],
])("tells Deno's connect failure %j as %s, so it counts as not sent", (detail, code) => {
  expect(networkErrorCode(denoError(detail))).toBe(code);
  expect(fetchFailurePhase(networkErrorCode(denoError(detail)))).toBe("connect");
});

test.each(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "ERR_TLS_CERT_ALTNAME_INVALID"])(
  "tells a TLS certificate Node.js refused (%s) as not sent: the handshake failed before the request",
  (code) => {
    const error = new TypeError("fetch failed", { cause: withCode("certificate refused", code) });

    expect(fetchFailurePhase(networkErrorCode(error))).toBe("connect");
  },
);

test("leaves Deno's failures after connecting, and its unknown connect failures, without a code", () => {
  expect(networkErrorCode(new TypeError("fetch failed", { cause: new Error("Connection reset by peer (os error 104)") }))).toBeUndefined();
  expect(networkErrorCode(denoError("client error (SendRequest): connection closed before message completed"))).toBeUndefined();
  expect(networkErrorCode(denoError("client error (Connect): received fatal alert: HandshakeFailure"))).toBeUndefined();
});

test("does not take words in a URL for the reason of a failure", () => {
  const error = new TypeError("fetch failed", {
    cause: new Error("error sending request for url (http://127.0.0.1/connection refused/): client error (SendRequest): connection reset"),
  });

  expect(networkErrorCode(error)).toBeUndefined();
});

test("gives no code for a browser's TypeError, which cannot tell a refused connection from a reset after sending", () => {
  for (const message of ["Failed to fetch", "NetworkError when attempting to fetch resource.", "Load failed"]) {
    expect(fetchFailurePhase(networkErrorCode(new TypeError(message)))).toBe("request");
  }
});

test("survives a cause cycle and an error without a code", () => {
  const a = new Error("a");
  const b = new Error("b", { cause: a });
  (a as { cause?: unknown }).cause = b;

  expect(networkErrorCode(a)).toBeUndefined();
  expect(networkErrorMessage("plain string")).toBe("plain string");
});

test.each([
  ["ECONNREFUSED", "connect"],
  ["ENOTFOUND", "connect"],
  ["EAI_AGAIN", "connect"],
  ["EHOSTUNREACH", "connect"],
  ["UND_ERR_CONNECT_TIMEOUT", "connect"],
  ["ECONNRESET", "request"],
  ["UND_ERR_SOCKET", "request"],
  ["EPIPE", "request"],
  [undefined, "request"],
])("%s means phase %s", (code, phase) => {
  expect(fetchFailurePhase(code)).toBe(phase);
});
