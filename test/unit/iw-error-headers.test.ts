import { expect, test } from "vitest";
import { parseIwErrorHeaders } from "../../src/core/iw-error-headers.js";

test.each([
  [{ "X-IW-ERROR-CODE": "401", "X-IW-ERROR-JSON": '["JWT expired"]' }, { code: "401", messages: ["JWT expired"] }],
  [{ "x-iw-error-code": " 4711 ", "x-iw-error-json": '["a", {"field":"first_name"}]' }, { code: "4711", messages: ["a", '{"field":"first_name"}'] }],
  [{ "X-IW-ERROR-JSON": '"one message"' }, { code: undefined, messages: ["one message"] }],
  [{ "X-IW-ERROR-JSON": "not json [" }, { code: undefined, messages: ["not json ["] }],
  [{ "X-IW-ERROR-JSON": '{"message":"an object"}' }, { code: undefined, messages: ['{"message":"an object"}'] }],
  [{ "X-IW-ERROR-CODE": "" }, { code: undefined, messages: [] }],
  [{}, { code: undefined, messages: [] }],
])("parses %o into %o", (headers, expected) => {
  expect(parseIwErrorHeaders(new Headers(headers))).toEqual(expected);
});
