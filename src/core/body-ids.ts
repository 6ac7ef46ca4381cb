import { describeValue, mustBe } from "./check-input.js";

/**
 * `node` with the id at `steps` (property names, `[]` for each item of a list) as a number: only the objects and
 * lists on the way to a changed id are copied, so the caller's body stays as it is. Throws naming `path`.
 */
function withId(node: unknown, [step, ...rest]: string[], path: string): unknown {
  if (node === null || typeof node !== "object") return node;
  if (step === "[]") return Array.isArray(node) ? node.map((item, index) => withId(item, rest, `${path}[${index}]`)) : node;
  const value = (node as Record<string, unknown>)[step!];
  // Nothing there (a list has no named fields): a write sends only the fields it changes.
  if (value === undefined) return node;
  path += `.${step}`;
  let id: unknown = value;
  if (rest.length > 0) id = withId(value, rest, path);
  else {
    if (typeof value === "string" && /^\d+$/.test(value)) id = Number(value);
    if (!Number.isSafeInteger(id)) throw mustBe(path, "a whole number or a string of digits, such as an entity's `id`", describeValue(value));
  }
  return id === value ? node : { ...node, [step!]: id };
}

/**
 * The request entity `body` as it is sent: every id at one of `paths` (the operation's generated `bodyIds`, e.g.
 * `chatroom.id`, `reactions[].id`) is the integer the API documents, so `"42"` goes out as `42`; the caller's
 * object is left as it is. An id that is neither a whole number nor a string of digits (`"abc"`, `"4.2"`, `""`,
 * `" 42"`) throws an `InvalidInputError` naming its path from `name` (`participant.chatroom.id`), before anything
 * is sent. `body` must be plain JSON data (`checkJsonBody`).
 */
export function withBodyIds(name: string, body: unknown, paths: readonly string[] = []): unknown {
  // No copy of the whole body: it is serialized once, right after this.
  let sent = body;
  for (const path of paths) sent = withId(sent, path.replaceAll("[]", ".[]").split("."), name);
  return sent;
}
