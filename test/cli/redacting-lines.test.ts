import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { expect, test } from "vitest";
import { redactingLines } from "../../scripts/lib/prism.mjs";
import { Redactor } from "../../src/core/redactor.js";

/*
 * The stream Prism's log goes through: the client's redactor on whole lines, so a token split between two
 * chunks of Prism's output is still found.
 */

const TOKEN = `tok&<>"'%/ x-never-print`;
const redactor = new Redactor([TOKEN]);

/** What comes out of the stream for `chunks` written in turn. */
function through(chunks: Array<string | Buffer>): Promise<string> {
  return text(Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(redactingLines((t) => redactor.text(t))));
}

test("a token split between chunks, verbatim or encoded, is redacted, and the lines are passed on unchanged otherwise", async () => {
  const encoded = encodeURIComponent(TOKEN);
  const out = await through([`GET /a?t=${TOKEN.slice(0, 5)}`, `${TOKEN.slice(5)} 200\nVia ${encoded.slice(0, 9)}`, `${encoded.slice(9)} done\nlast line without an end`]);

  expect(out).toBe("GET /a?t=[redacted] 200\nVia [redacted] done\nlast line without an end");
});

test("a character split between chunks survives, and a line longer than a megabyte is passed on in parts without a token slipping through", async () => {
  const euro = Buffer.from("€ ");
  const filler = "x".repeat(1024 * 1024 + 100);
  const out = await through([euro.subarray(0, 1), euro.subarray(1), filler, `${TOKEN.slice(0, 3)}`, `${TOKEN.slice(3)}\n`]);

  expect(out).toBe(`€ ${filler}[redacted]\n`);
  expect(out).not.toContain("never-print");
});
