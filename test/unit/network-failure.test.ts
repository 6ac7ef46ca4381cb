import { expect, test } from "vitest";
import { fetchFailurePhase, networkErrorCode, networkErrorMessage } from "../../src/core/network-failure.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test("finds the system error code in undici's cause chain", () => {
  const error = new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED") });

  expect(networkErrorCode(error)).toBe("ECONNREFUSED");
  expect(networkErrorMessage(error)).toBe("connect ECONNREFUSED 127.0.0.1:9");
});

test("looks inside an AggregateError, as undici gives for a host with several addresses", () => {
  const cause = new AggregateError([withCode("connect ECONNREFUSED ::1:9", "ECONNREFUSED"), withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED")]);

  expect(networkErrorCode(new TypeError("fetch failed", { cause }))).toBe("ECONNREFUSED");
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
