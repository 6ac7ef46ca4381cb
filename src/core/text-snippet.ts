/** How many characters of an unusable body an error shows. */
export const SNIPPET_LENGTH = 200;

/** The start of `text` on one line, cut to `SNIPPET_LENGTH` characters with an ellipsis. */
export function textSnippet(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > SNIPPET_LENGTH ? `${oneLine.slice(0, SNIPPET_LENGTH)}…` : oneLine;
}
