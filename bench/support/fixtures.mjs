// @ts-check
/** What every contender sends and gets back, from the spec's reference examples. */
import { readSpec } from "../../scripts/lib/spec.mjs";

/** The session token every contender sends as `x-session-token`. */
export const TOKEN = "bench-session-token";
/** The one path both operations use. */
export const PARTICIPANTS_PATH = "/api/chat/chatroom_participant";
/** The path prefix under which the loopback server answers gzipped and chunked. */
export const GZIP_PREFIX = "/gzip";
/** How many participants the list returns (`pageSize`). */
export const PAGE_SIZE = 50;
/** The participant `add` posts (the README's quick start); not frozen, as a caller's data would not be. */
export const NEW_PARTICIPANT = { chatroom: { id: 42 }, first_name: "Ada" };

/** The server's answer to `add`: the reference example of `ChatroomParticipant`. */
export const ADD_RESPONSE = JSON.stringify(readExample("ChatroomParticipant-reference"));

/** The server's answer to the list: 50 `ChatroomParticipantListItem`s made from the reference example. */
export const LIST_RESPONSE = JSON.stringify(
  Array.from({ length: PAGE_SIZE }, (_, i) => {
    const [item] = /** @type {Record<string, unknown>[]} */ (readExample("ChatroomParticipantList-reference"));
    return { ...item, id: i + 1, first_name: `First ${i + 1}`, last_name: `Last ${i + 1}`, name: `Participant ${i + 1}` };
  }),
);

/** A copy of the `value` of a named example of the bundled spec (`components.examples`). @param {string} name */
function readExample(name) {
  return structuredClone(readSpec().components.examples[name].value);
}
