/** How deep to look for secret fields in a request body (the body has passed `checkJsonBody`, so it is bounded too). */
const MAX_DEPTH = 64;

/**
 * The string values of the fields named in `fields`, anywhere in `body`: the secrets a call sends (the fields the
 * spec marks secret), which the client then redacts wherever the server echoes them.
 */
export function secretValues(body: unknown, fields: readonly string[]): string[] {
  if (fields.length === 0) return [];
  const found: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (fields.includes(key) && typeof item === "string") found.push(item);
      else visit(item, depth + 1);
    }
  };
  visit(body, 0);
  return found;
}
