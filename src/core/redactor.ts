import { secretPattern } from "./secret-pattern.js";

/** The text that replaces a secret wherever the client reports or logs something. */
export const REDACTED = "[redacted]";

/** What stands for a part of a body nested deeper than `MAX_DEPTH`: copying it would recurse without a bound. */
export const TOO_DEEP = "[nested too deeply]";

/** How deep `value()` copies a parsed body; a hostile body may nest thousands of levels. */
export const MAX_DEPTH = 64;

/**
 * Removes the secrets of one call (the session token, any field the spec marks secret) from
 * anything the client puts into an error or a log line: as given, and as a server may echo them back
 * encoded (JSON-escaped, `\uXXXX`, `\/`, percent-encoded, HTML-escaped).
 */
export class Redactor {
  /** The secrets as given. */
  readonly #given: string[];
  /** Names of body fields whose values are secrets whatever they hold. */
  readonly #fields: ReadonlySet<string>;
  /** Built on first use: most calls never report anything. */
  #pattern: RegExp | null | undefined;

  /**
   * @param secrets the secret values of this call (empty and missing ones are ignored).
   * @param fields names of fields whose values are always secret, e.g. from the spec's `x-iwerp-secret`.
   */
  constructor(secrets: ReadonlyArray<string | undefined>, fields: Iterable<string> = []) {
    this.#given = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0))];
    this.#fields = new Set(fields);
  }

  /** A redactor that also knows `more` secrets. */
  with(more: ReadonlyArray<string | undefined>): Redactor {
    const known = more.filter((s) => typeof s === "string" && s.length > 0 && !this.#given.includes(s));
    return known.length === 0 ? this : new Redactor([...this.#given, ...known], this.#fields);
  }

  /** `text` with every secret, in every encoding, and the value of every secret field written as JSON, replaced. */
  text(text: string): string {
    if (this.#pattern === undefined) this.#pattern = this.#compile();
    return this.#pattern === null ? text : text.replace(this.#pattern, (_match, field: unknown) => (typeof field === "string" ? `${field}${REDACTED}` : REDACTED));
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

  #compile(): RegExp | null {
    const parts: string[] = [];
    // A secret field's string value inside JSON text, even JSON that does not parse (its closing quote may be missing).
    if (this.#fields.size > 0) {
      const names = [...this.#fields].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
      parts.push(`("(?:${names})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*`);
    }
    // Longest first, so a secret that contains another is removed whole.
    const secrets = [...this.#given].sort((a, b) => b.length - a.length);
    parts.push(...secrets.map(secretPattern));
    return parts.length === 0 ? null : new RegExp(parts.join("|"), "g");
  }
}
