// @ts-check
/**
 * A stream that redacts text line by line (Prism's log). A secret is replaced only when it is whole in what is
 * redacted, so the stream holds back the unfinished last line; a line that grows past `MAX_LINE` without ending is
 * passed on in parts, keeping back its last `OVERLAP` characters each time, far more than any encoding of a token takes.
 */
import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** The longest text held back waiting for a line to end. */
const MAX_LINE = 1024 * 1024;

/** What a part of an endless line keeps back for the next, so a secret split between them is still whole there. */
const OVERLAP = 64 * 1024;

/**
 * A transform stream that writes `redact(line)` for every line of what goes through it (as UTF-8).
 * @param {(text: string) => string} redact
 * @returns {Transform}
 */
export function redactingLines(redact) {
  const decoder = new StringDecoder("utf8");
  let held = "";
  return new Transform({
    transform(chunk, _encoding, done) {
      held += decoder.write(chunk);
      const end = held.lastIndexOf("\n") + 1;
      let out = "";
      if (end > 0) {
        out = redact(held.slice(0, end));
        held = held.slice(end);
      }
      if (held.length > MAX_LINE) {
        // Redacted whole, then cut: a secret that ends within `held` is gone, one that goes on lies in the
        // part kept back (unless it is longer than OVERLAP), which is redacted again with what follows.
        const redacted = redact(held);
        out += redacted.slice(0, redacted.length - OVERLAP);
        held = redacted.slice(redacted.length - OVERLAP);
      }
      done(null, out || undefined);
    },
    flush(done) {
      held += decoder.end();
      done(null, held ? redact(held) : undefined);
    },
  });
}
