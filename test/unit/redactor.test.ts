import { describe, expect, test } from "vitest";
import { REDACTED, Redactor } from "../../src/core/redactor.js";
import { SECRET_WORD, TOKEN } from "../support/secrets.js";

const redactor = new Redactor([TOKEN], ["ai_auto_close_secret_word"]).with([SECRET_WORD]);

describe("Redactor", () => {
  test("replaces every occurrence of every secret in text", () => {
    expect(redactor.text(`a ${TOKEN} b ${SECRET_WORD} c ${TOKEN}`)).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  test("removes a secret that contains another one whole", () => {
    const nested = new Redactor(["abc", "xabcx"]);

    expect(nested.text("1 xabcx 2 abc")).toBe(`1 ${REDACTED} 2 ${REDACTED}`);
  });

  test("also removes a secret as JSON escapes it", () => {
    const quoted = new Redactor(['a"b\\c']);

    expect(quoted.text(String.raw`{"note":"a\"b\\c"}`)).toBe(`{"note":"${REDACTED}"}`);
  });

  test("redacts the value of ai_auto_close_secret_word in JSON text, whatever it is, even if the JSON is cut off", () => {
    expect(redactor.text('{"ai_auto_close_secret_word": "other \\"word\\"", "id": 1}')).toBe(`{"ai_auto_close_secret_word": "${REDACTED}", "id": 1}`);
    expect(redactor.text('{"ai_auto_close_secret_word":"unfinish')).toBe(`{"ai_auto_close_secret_word":"${REDACTED}`);
  });

  test("copies parsed JSON with secret fields and secrets in strings and keys replaced", () => {
    const body = {
      detail: `session ${TOKEN} expired`,
      data: { ai_auto_close_secret_word: "a different word", nested: [SECRET_WORD, 42, null, true] },
      [TOKEN]: "as a key",
    };

    expect(redactor.value(body)).toEqual({
      detail: `session ${REDACTED} expired`,
      data: { ai_auto_close_secret_word: REDACTED, nested: [REDACTED, 42, null, true] },
      [REDACTED]: "as a key",
    });
    expect(body.detail).toContain(TOKEN);
  });

  test("leaves an absent secret field absent", () => {
    expect(redactor.value({ ai_auto_close_secret_word: null })).toEqual({ ai_auto_close_secret_word: null });
  });

  test("ignores empty and missing secrets", () => {
    expect(new Redactor(["", undefined]).text("nothing to hide")).toBe("nothing to hide");
  });

  test("removes a secret over 256 characters (an API key, a JWT) also where it stands inside base64 or base64url text", () => {
    const apiKey = `eyJhbGciOiJIUzI1NiJ9.${"k".repeat(300)}?>~.sig`;
    for (const before of ["", "a", "ab"]) {
      const base64 = Buffer.from(`${before}${apiKey}`).toString("base64");
      for (const encoded of [base64, Buffer.from(`${before}${apiKey}`).toString("base64url")]) {
        const text = new Redactor([apiKey]).text(`claims ${encoded} end`);
        expect(text).toContain(REDACTED);
        // What is left of the encoded run is at most the few characters its neighbours share with the key.
        expect(text.replace(REDACTED, "").length).toBeLessThan(`claims  end`.length + 8);
      }
    }
  });

  test("removes a secret inside base64 whose `+` and `/` are written as base64url's `-` and `_` or percent-encoded in a URL", () => {
    // `~~~` is `fn5+` in base64 and `???` is `Pz8/`.
    const secret = "tok~~~en???-sess~~~ion???";
    for (const before of ["", "a", "ab"]) {
      const base64 = Buffer.from(`${before}${secret}`).toString("base64");
      for (const encoded of [base64, Buffer.from(`${before}${secret}`).toString("base64url"), encodeURIComponent(base64)]) {
        expect(encoded).toMatch(/[-_+/]|%2[BF]/);
        const text = new Redactor([secret]).text(`https://x.test/?t=${encoded}&end`);
        expect(text).toContain(REDACTED);
        expect(text.replace(REDACTED, "").length).toBeLessThan("https://x.test/?t=&end".length + 8);
      }
    }
  });

  test("finds a secret field's value of a megabyte without throwing", () => {
    const word = "w".repeat(1_000_000);
    expect(new Redactor([word]).text(`said ${word}.`)).toBe(`said ${REDACTED}.`);
  });
});
