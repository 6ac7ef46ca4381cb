/**
 * Parses a `Retry-After` header (delay seconds, or an HTTP date such as `Wed, 21 Oct 2015 07:28:00 GMT`)
 * into milliseconds from `now`. Returns `undefined` when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // `Date.parse` also reads "-5" or "5" as dates; an HTTP date always names its weekday or month.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
