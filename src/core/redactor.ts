/** The text that replaces a secret wherever the client reports or logs something. */
export const REDACTED = "[redacted]";

/** Body fields whose values are secrets whatever they hold. */
const SECRET_FIELDS = new Set(["ai_auto_close_secret_word"]);

/**
 * Removes the secrets of one call (the session token, the participant's secret word) from anything the
 * client puts into an error or a log line.
 */
export class Redactor {
  readonly #secrets: string[];

  constructor(secrets: ReadonlyArray<string | undefined>) {
    // Longest first, so a secret that contains another is removed whole.
    this.#secrets = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** A redactor that also knows `more` secrets. */
  with(more: ReadonlyArray<string | undefined>): Redactor {
    return new Redactor([...this.#secrets, ...more]);
  }

  /** `text` with every secret replaced. */
  text(text: string): string {
    let out = text;
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
