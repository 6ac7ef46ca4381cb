import { describeValue, mustBe } from "./check-input.js";

/** Makes the id at `steps` (property names, `[]` for each item of a list) in `node` a number, in place; throws naming `path`. */
function fix(node: unknown, [step, ...rest]: string[], path: string): void {
  if (node === null || typeof node !== "object") return;
  if (step === "[]") return Array.isArray(node) ? node.forEach((item, index) => fix(item, rest, `${path}[${index}]`)) : undefined;
  const record = node as Record<string, unknown>;
  const value = record[step!];
  // Nothing there (a list has no named fields): a write sends only the fields it changes.
  if (value === undefined) return;
  path += `.${step}`;
  if (rest.length > 0) return fix(value, rest, path);
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (!Number.isSafeInteger(id)) throw mustBe(path, "a whole number or a string of digits, such as an entity's `id`", describeValue(value));
  record[step!] = id;
}

/**
 * The request entity `body` as it is sent: every id at one of `paths` (the operation's generated `bodyIds`, e.g.
 * `chatroom.id`, `reactions[].id`) is the integer the API documents, so `"42"` goes out as `42`; a copy, the
 * caller's object is left as it is. An id that is neither a whole number nor a string of digits (`"abc"`, `"4.2"`,
 * `""`, `" 42"`) throws an `InvalidInputError` naming its path from `name` (`participant.chatroom.id`), before
 * anything is sent. `body` must be plain JSON data (`checkJsonBody`).
 */
export function withBodyIds(name: string, body: unknown, paths: readonly string[] = []): unknown {
  // A deep copy through JSON: the body is plain JSON data, and the copy is changed in place.
  const sent: unknown = paths.length > 0 ? JSON.parse(JSON.stringify(body)) : body;
  for (const path of paths) fix(sent, path.replaceAll("[]", ".[]").split("."), name);
  return sent;
}
