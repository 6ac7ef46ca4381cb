// @ts-check
/**
 * The string formats the spec uses, as regular expressions. Ajv inlines a RegExp format into standalone
 * code, so the generated validators need no runtime package for formats.
 */

/** RFC 3339 `date-time` (the form of every iwERP timestamp, e.g. `2025-05-04T09:42:00Z`). */
export const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Every format the spec may use, by name. A format missing here fails the generation. */
export const FORMATS = { "date-time": DATE_TIME };
