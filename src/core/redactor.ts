import { base64Forms, base64Pattern, escapeRegExp, secretPattern } from "./secret-pattern.js";

/** The text that replaces a secret wherever the client reports or logs something. */
export const REDACTED = "[redacted]";

/** What stands for a part of a body nested deeper than `MAX_DEPTH`: copying it would recurse without a bound. */
const TOO_DEEP = "[nested too deeply]";

/** How deep `value()` copies a parsed body; a hostile body may nest thousands of levels. */
export const MAX_DEPTH = 64;

/**
 * Secrets shorter than this (a test's `"t"`, a short password) are redacted only as whole words, where no letter
 * or digit touches them: found inside words too, they would mangle every message (`mus[redacted] be`).
 * `createConnection` refuses a session token or API key this short that an app passes (not one a login returned).
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * Removes the secrets of one call (the session token, any field the spec marks secret) from
 * anything the client puts into an error or a log line: as given, and as a server may echo them back
 * encoded (JSON-escaped, `\uXXXX`, `\/`, percent-encoded, HTML-escaped). Its time is linear in the text's
 * length, and no text makes it throw.
 */
export class Redactor {
  /** The secrets as given. */
  readonly #given: string[];
  /** Names of body fields whose values are secrets whatever they hold. */
  readonly #fields: ReadonlySet<string>;
  /** Built on first use, as most calls never report anything: where a secret field's value starts, the secrets, the long ones' forms, the short ones. */
  #patterns: [fieldStart: RegExp | undefined, secrets: RegExp | undefined, long: string[], short: RegExp | undefined] | undefined;

  /**
   * @param secrets the secret values of this call (empty and missing ones are ignored).
   * @param fields names of fields whose values are always secret, e.g. from the spec's `x-iwerp-secret`.
   */
  constructor(secrets: ReadonlyArray<string | undefined>, fields: Iterable<string> = []) {
    // Each also trimmed, as a server may store and echo it (Symfony's forms trim every string).
    this.#given = [...new Set(secrets.flatMap((s) => (s ? [s, s.trim()] : [])).filter((s) => s))];
    this.#fields = new Set(fields);
  }

  /** A redactor that also knows `more` secrets (itself when it knows them all: its patterns are kept). */
  with(more: ReadonlyArray<string | undefined>): Redactor {
    return more.every((s) => !s || this.#given.includes(s)) ? this : new Redactor([...this.#given, ...more], this.#fields);
  }

  /** `text` with every secret, in every encoding, and the value of every secret field written as JSON, replaced. */
  text(text: string): string {
    const [fieldStart, secrets, long, short] = (this.#patterns ??= this.#compile());
    if (fieldStart) {
      // A secret field's string value inside JSON text, even JSON that does not parse (its closing quote may be
      // missing): found by name, then walked to its closing quote by hand. A regular expression that matched the
      // value too would backtrack per character and overflow the stack on a value of megabytes.
      let kept = "";
      let from = 0;
      fieldStart.lastIndex = 0;
      while (fieldStart.exec(text)) {
        let end = fieldStart.lastIndex;
        while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
        kept += text.slice(from, fieldStart.lastIndex) + REDACTED;
        from = fieldStart.lastIndex = end;
      }
      text = kept + text.slice(from);
    }
    for (const form of long) text = text.split(form).join(REDACTED);
    if (secrets) text = text.replace(secrets, REDACTED);
    // The character before a short secret is matched (not looked behind at, which older Safari lacks) and kept.
    return short ? text.replace(short, (_, before: string) => before + REDACTED) : text;
  }

  /**
   * A copy of parsed JSON with secret fields and every secret inside strings replaced. The copy is made with
   * defined properties (a `__proto__` key stays a plain key) and stops at `MAX_DEPTH` levels.
   */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.text(value);
    if (value === null || typeof value !== "object") return value;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    // `fromEntries` defines each key as a property of its own, so a `__proto__` key stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [this.text(key), this.#fields.has(key) && item != null ? REDACTED : this.value(item, depth + 1)]),
    );
  }

  #compile(): [RegExp | undefined, RegExp | undefined, string[], RegExp | undefined] {
    const names = [...this.#fields].map(escapeRegExp).join("|");
    // Longest first, so a secret that contains another is removed whole.
    const given = this.#given.sort((a, b) => b.length - a.length);
    // A secret over 256 characters is found as given, JSON-escaped, percent-encoded and in base64, not in every mix of
    // encodings: that pattern grows with the secret, and one of a few thousand characters takes seconds to compile
    // or overflows.
    const long = given.filter((s) => s.length > 256);
    // Each also as it stands inside base64 (a short secret's would be a few characters, found inside any word).
    const secrets = given
      .filter((s) => !long.includes(s) && s.length >= MIN_SECRET_LENGTH)
      .flatMap((s) => [secretPattern(s), ...base64Forms(s).map(base64Pattern)])
      .join("|");
    const short = given.filter((s) => s.length < MIN_SECRET_LENGTH).map(secretPattern).join("|");
    return [
      names ? new RegExp(`"(?:${names})"\\s*:\\s*"`, "g") : undefined,
      secrets ? new RegExp(secrets, "gi") : undefined,
      // base64 too (an API key is a JWT, often longer than 256 characters), and base64url, as its own strings.
      long.flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), ...base64Forms(s).flatMap((b) => [b, b.replace(/\+/g, "-").replace(/\//g, "_")])]),
      short ? new RegExp(`(^|[^a-z0-9])(?:${short})(?![a-z0-9])`, "gi") : undefined,
    ];
  }
}
