import { MAX_DEPTH } from "../core/redactor.js";

/**
 * How many levels of objects and lists a body or seed record may nest: as deep as the client's redactor
 * copies into the request log, so every request is logged whole up to where it would be cut anyway.
 */
export const MAX_JSON_DEPTH = MAX_DEPTH;

/**
 * Whether `value` nests objects and lists more than `limit` levels deep (an object or list is level 1).
 * Walks with a stack of its own, not by recursion, so a hostile depth cannot overflow the call stack; a
 * cycle counts as too deep.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<readonly [unknown, number]> = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [at, depth] = next;
    if (at === null || typeof at !== "object") continue;
    if (depth > limit) return true;
    for (const inner of Object.values(at)) if (inner !== null && typeof inner === "object") stack.push([inner, depth + 1]);
  }
  return false;
}
