/** Named HTML entities for the characters an HTML page must escape. */
const HTML_NAMED: Readonly<Record<string, string>> = { "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" };
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
  // Percent-encoding, one `%XX` per UTF-8 byte; `+` for a space in a form.
  const bytes = [...new TextEncoder().encode(char)];
  ways.push(bytes.map((byte) => `%${hex(byte, 2)}`).join(""));
  // Raw UTF-8 in a header: fetch reads a header value byte by byte as Latin-1, so `ä` arrives as `Ã¤`. A body in
  // another charset (Latin-1), read as UTF-8, has one U+FFFD for it (one only: `\ufffd+` would backtrack through a run
  // of them from each of its places, quadratic in a binary body); a named HTML entity (PHP's htmlentities: `&auml;`)
  // is any name.
  if (bytes.length > 1) ways.push(String.fromCharCode(...bytes), "\ufffd", "&\\w+;");
  if (char === " ") ways.push("\\+");
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
