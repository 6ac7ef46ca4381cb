/** Named HTML entities for the characters an HTML page must escape. */
const HTML_NAMED: Readonly<Record<string, string>> = { "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" };
/** What stands for a character elsewhere: `+` for a space in a form; base64url's letters for base64's `+` and `/`. */
const WRITTEN_AS: Readonly<Record<string, string>> = { " ": "\\+", "+": "-", "/": "_" };
/** Short JSON escapes (`/` may be escaped as `\/`, which PHP and some proxies do). */
const JSON_SHORT: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t" };

/** `n` as hex digits of at least `width` (the pattern is matched ignoring case, so `%2f` and `%2F` alike). */
function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** `text` with every character a regular expression gives a meaning escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every way one character of a secret may be written in a body, a header or a URL a server sends back. */
function charPattern(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  const ways = [escapeRegExp(char)];
  // JSON: `\uXXXX` per UTF-16 unit, or the short escape.
  ways.push(Array.from({ length: char.length }, (_, i) => `\\\\u${hex(char.charCodeAt(i), 4)}`).join(""));
  if (JSON_SHORT[char] !== undefined) ways.push(`\\\\${escapeRegExp(JSON_SHORT[char])}`);
  // Percent-encoding, one `%XX` per UTF-8 byte.
  const bytes = [...new TextEncoder().encode(char)];
  ways.push(bytes.map((byte) => `%${hex(byte, 2)}`).join(""));
  // Raw UTF-8 in a header: fetch reads a header value byte by byte as Latin-1, so `ä` arrives as `Ã¤`. A body in
  // another charset (Latin-1), read as UTF-8, has one U+FFFD for it (one only: `\ufffd+` would backtrack through a run
  // of them from each of its places, quadratic in a binary body); a named HTML entity (PHP's htmlentities: `&auml;`)
  // is any name.
  if (bytes.length > 1) ways.push(String.fromCharCode(...bytes), "\ufffd", "&\\w+;");
  // `+` for a space in a form; base64url's letters for base64's `+` and `/` (see `base64Forms`).
  if (WRITTEN_AS[char]) ways.push(WRITTEN_AS[char]);
  // HTML: decimal and hexadecimal character references, and the named ones.
  ways.push(`&#0*${codePoint};`, `&#x0*${hex(codePoint, 1)};`);
  if (HTML_NAMED[char] !== undefined) ways.push(`&${HTML_NAMED[char]};`);
  return `(?:${ways.join("|")})`;
}

/**
 * A regular expression source that, matched ignoring case (flag `i`), finds `secret` as given (also in another
 * case: redacting too much is safe) and as a server may echo it back: with any of
 * its characters JSON-escaped (`\"`, `\/`, `\u0041`), percent-encoded (`%2F`, `%2f`) or HTML-escaped
 * (`&amp;`, `&#47;`, `&#x2F;`), in any mix.
 */
export function secretPattern(secret: string): string {
  return [...secret].map(charPattern).join("");
}

/**
 * `secret` as it may stand inside a longer base64 text (a JWT's claims, a Basic credential): for each of the three
 * places its first byte may take in a group of three, the characters that its bytes alone decide. (`charPattern`
 * finds them in base64url too.)
 */
export function base64Forms(secret: string): string[] {
  // One character per byte, without spreading them into one call: a secret field's value may be megabytes.
  let bytes = "";
  for (const byte of new TextEncoder().encode(secret)) bytes += String.fromCharCode(byte);
  // `before` bytes ahead of it: a character holds 6 bits, so those from bit 8 * before (the first is character 0, 2
  // or 3) up to the end of its last byte (`slice` cuts the end down to a whole number).
  return [0, 1, 2].map((before) => btoa("\0".repeat(before) + bytes).slice(before && before + 1, ((before + bytes.length) * 4) / 3));
}

/**
 * A regular expression source that finds one of `base64Forms`: its letters and digits as they stand (a server that
 * echoes base64 escapes none of them), its `+` and `/` also as base64url's `-` and `_` and escaped (`%2B`, `\/`).
 * Far smaller than `secretPattern` of the same text, which the redactor compiles for every call that reports.
 */
export function base64Pattern(form: string): string {
  return form.replace(/[+/]/g, charPattern);
}
