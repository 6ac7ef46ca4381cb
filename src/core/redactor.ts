/** The text that replaces a secret wherever the client reports or logs something. */
export const REDACTED = "[redacted]";

/** Body fields whose values are secrets whatever they hold. */
const SECRET_FIELDS = new Set(["ai_auto_close_secret_word"]);

/** A secret field's string value inside JSON text, even JSON that does not parse (its closing quote may be missing). */
const SECRET_FIELD_IN_TEXT = /("ai_auto_close_secret_word"\s*:\s*")(?:[^"\\]|\\.)*/g;

/**
 * Removes the secrets of one call (the session token, the participant's secret word) from anything the
 * client puts into an error or a log line.
 */
export class Redactor {
  /** The secrets as given. */
  readonly #given: string[];
  /** What is searched for: each secret, and each as JSON escapes it; longest first. */
  readonly #secrets: string[];

  constructor(secrets: ReadonlyArray<string | undefined>) {
    this.#given = secrets.filter((s): s is string => typeof s === "string" && s.length > 0);
    // A body that echoes a secret holds it JSON-escaped when it has quotes, backslashes or control characters.
    const escaped = this.#given.map((s) => JSON.stringify(s).slice(1, -1));
    // Longest first, so a secret that contains another is removed whole.
    this.#secrets = [...new Set([...this.#given, ...escaped])].sort((a, b) => b.length - a.length);
  }

  /** A redactor that also knows `more` secrets. */
  with(more: ReadonlyArray<string | undefined>): Redactor {
    return new Redactor([...this.#given, ...more]);
  }

  /** `text` with every secret, and the value of every secret field written as JSON, replaced. */
  text(text: string): string {
    let out = text.replace(SECRET_FIELD_IN_TEXT, `$1${REDACTED}`);
    for (const secret of this.#secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A deep copy of parsed JSON with secret fields and every secret inside strings replaced. */
  value(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[this.text(key)] = SECRET_FIELDS.has(key) && item !== undefined && item !== null ? REDACTED : this.value(item);
      }
      return out;
    }
    return value;
  }
}
