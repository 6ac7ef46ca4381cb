// @ts-check
/** The contenders: each makes `add` (POST one participant) and `list` (GET a page of 50), both parsed. */
import { pathToFileURL } from "node:url";
import { NEW_PARTICIPANT, PAGE_SIZE, PARTICIPANTS_PATH, TOKEN } from "./fixtures.mjs";

/** @typedef {typeof import("../../src/index.js")} ClientModule */
/** @typedef {import("../../generated/openapi.js").paths} Paths */

/** @typedef {{ id: ContenderId, add: () => Promise<unknown>, list: () => Promise<unknown> }} Contender one way of making the two calls */

/** Every contender, in the order the tables list them. */
export const CONTENDERS = /** @type {const} */ ([
  "raw fetch",
  "raw fetch, timeout",
  "openapi-fetch",
  "client, off",
  "client, warn",
  "client, throw",
  "client, off, own fetch",
]);
/** @typedef {typeof CONTENDERS[number]} ContenderId */

/** What each contender is, for the README. */
export const DESCRIPTIONS = {
  "raw fetch": "`fetch(url, { method, headers, body: JSON.stringify(…) })`, then `response.json()`",
  "raw fetch, timeout": "the same with `signal: AbortSignal.timeout(30_000)`: the least a caller with a timeout pays, as the client's calls each pass the runtime's fetch a signal (their timeouts, deadline and `signal`)",
  "openapi-fetch": "bare `createClient<paths>({ baseUrl, headers })`, `.POST(…)` / `.GET(…)`",
  "client, off": "`createChatClient({ validateResponses: \"off\" })`, `chatroomParticipants.add(…)` / `.list({ pageSize: 50 })`",
  "client, warn": "the same with `validateResponses: \"warn\"` (the default)",
  "client, throw": "the same with `validateResponses: \"throw\"`",
  "client, off, own fetch": "`validateResponses: \"off\"` with `fetch` passed as an option, which the client races against its limits",
};

/**
 * Makes one contender on `globalThis.fetch` as it is then (`own fetch`: a function that calls it); imports only what it
 * needs, so a memory child holds no other's code.
 * @param {ContenderId} id
 * @param {{ baseUrl: string, clientBundle: string }} options
 * @returns {Promise<Contender>}
 */
export async function createContender(id, { baseUrl, clientBundle }) {
  const url = `${baseUrl}${PARTICIPANTS_PATH}`;
  if (id === "raw fetch" || id === "raw fetch, timeout") {
    const postHeaders = { "content-type": "application/json", "x-session-token": TOKEN };
    const getHeaders = { "x-session-token": TOKEN };
    /** A new signal per call, as each call has its own timeout; none for `raw fetch`. */
    const limit = id === "raw fetch" ? () => ({}) : () => ({ signal: AbortSignal.timeout(30_000) });
    return {
      id,
      add: async () => parsed(await fetch(url, { method: "POST", headers: postHeaders, body: JSON.stringify({ data: NEW_PARTICIPANT }), ...limit() })),
      list: async () => parsed(await fetch(`${url}?pageSize=${PAGE_SIZE}`, { headers: getHeaders, ...limit() })),
    };
  }
  if (id === "openapi-fetch") {
    const { default: createClient } = await import("openapi-fetch");
    /** @type {import("openapi-fetch").Client<Paths>} */
    const client = createClient({ baseUrl, headers: { "x-session-token": TOKEN } });
    return {
      id,
      add: async () => succeeded(await client.POST(PARTICIPANTS_PATH, { body: { data: NEW_PARTICIPANT } })),
      list: async () => succeeded(await client.GET(PARTICIPANTS_PATH, { params: { query: { pageSize: PAGE_SIZE } } })),
    };
  }
  const { createChatClient } = /** @type {ClientModule} */ (await import(pathToFileURL(clientBundle).href));
  const validateResponses = id === "client, warn" ? "warn" : id === "client, throw" ? "throw" : "off";
  /** @type {typeof fetch | undefined} */
  const ownFetch = id === "client, off, own fetch" ? (input, init) => globalThis.fetch(input, init) : undefined;
  const chat = createChatClient({ baseUrl, sessionToken: TOKEN, validateResponses, logger: false, ...(ownFetch ? { fetch: ownFetch } : {}) });
  return {
    id,
    add: () => chat.chatroomParticipants.add(NEW_PARTICIPANT),
    list: () => chat.chatroomParticipants.list({ pageSize: PAGE_SIZE }),
  };
}

/** Throws unless both calls return what the server sends, so a broken contender cannot look fast. @param {Contender} contender */
export async function checkContender(contender) {
  const added = /** @type {{ id?: unknown }} */ (await contender.add());
  const listed = await contender.list();
  if (added?.id !== 42) throw new Error(`${contender.id}: add returned ${JSON.stringify(added).slice(0, 80)}`);
  if (!Array.isArray(listed) || listed.length !== PAGE_SIZE) throw new Error(`${contender.id}: list returned ${JSON.stringify(listed).slice(0, 80)}`);
}

/** The parsed body of a 2xx response, as a hand-written caller would check it. @param {Response} response */
async function parsed(response) {
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.json();
}

/** openapi-fetch's `data`, or a throw for its `error`. @param {{ data?: unknown, error?: unknown, response: Response }} result */
function succeeded({ data, error, response }) {
  if (error !== undefined || !response.ok) throw new Error(`${response.status} ${JSON.stringify(error)}`);
  return data;
}
