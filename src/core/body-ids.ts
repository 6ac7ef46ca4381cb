import { describeValue, mustBe } from "./check-input.js";

/** A record's id as the API takes it: a whole number, or a string of digits made one. Throws naming `path`. */
function idOf(value: unknown, path: string): number {
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (Number.isSafeInteger(id)) return id as number;
  throw mustBe(path, "a whole number or a string of digits, such as a record's `id` (`42` or `\"42\"`)", describeValue(value));
}

/** `value` with the id at `steps` (property names, `[]` for each item of a list) made a number; a copy where it changes. */
function withId(value: unknown, steps: readonly string[], path: string): unknown {
  const [step = "", ...rest] = steps;
  if (step === "[]") return Array.isArray(value) ? value.map((item, index) => withId(item, rest, `${path}[${index}]`)) : value;
  const item = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[step] : undefined;
  // Nothing there: a write sends only the fields it changes.
  if (item === undefined) return value;
  return { ...(value as object), [step]: rest.length > 0 ? withId(item, rest, `${path}.${step}`) : idOf(item, `${path}.${step}`) };
}

/**
 * The request entity `body` as it is sent: every id at one of `paths` (the operation's generated `bodyIds`, e.g.
 * `chatroom.id`, `reactions[].id`) is the integer the API documents, so `"42"` goes out as `42`. The caller's object
 * is left as it is. An id that is neither a whole number nor a string of digits (`"abc"`, `"4.2"`, `""`, `" 42"`)
 * throws an `InvalidInputError` naming its path from `name` (`participant.chatroom.id`), before anything is sent.
 */
export function withBodyIds(name: string, body: unknown, paths: readonly string[] = []): unknown {
  return paths.reduce((sent, path) => withId(sent, path.replaceAll("[]", ".[]").split("."), name), body);
}
