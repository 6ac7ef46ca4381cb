import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bench, describe } from "vitest";
import { parse } from "yaml";
import { get_chatroom_get, get_chatroom_participant_cget, post_chatroom_participant_post } from "../generated/operations.js";
import { acceptResponse } from "../src/core/check-response.js";
import { shapeIssues } from "../src/core/check-shape.js";
import { Redactor } from "../src/core/redactor.js";
import { createChatClient, type ChatroomParticipantPayload } from "../src/index.js";

/**
 * What runtime response validation costs per response: the generated check alone (as the client runs it,
 * through `shapeIssues`) on reference examples, a list of 50 and a body that fails in three places, the
 * client's whole check (issues, redaction, the error), and an `add` round trip against a local server with
 * validation off and with validation throwing.
 * Run: npm run bench:validation
 */
const example = readExample("ChatroomParticipant-reference.yaml") as Record<string, unknown>;
const room = readExample("Chatroom-reference.yaml");
const listItem = (readExample("ChatroomParticipantList-reference.yaml") as Array<Record<string, unknown>>)[0];
const fifty = Array.from({ length: 50 }, (_, id) => ({ ...listItem, id }));
const invalid = { ...example, id: "forty-two", chatroom: { id: "room-1" }, room_admin: "yes" };
const context = { method: "POST", url: "http://127.0.0.1/api/chat/chatroom_participant", status: 200, attempts: 1, redactor: new Redactor(["tok"]) };
const silent = { info() {}, warn() {} };
const issuesOf = (value: unknown) => shapeIssues(post_chatroom_participant_post.check, value);

describe("validate one response body", () => {
  bench("generated check, participant reference example (valid)", () => {
    if (issuesOf(example).length > 0) throw new Error("the reference example should be valid");
  });
  bench("generated check, chat room reference example (valid)", () => {
    if (shapeIssues(get_chatroom_get.check, room).length > 0) throw new Error("the reference example should be valid");
  });
  bench("generated check, list of 50 participants (valid)", () => {
    if (shapeIssues(get_chatroom_participant_cget.check, fifty).length > 0) throw new Error("the list should be valid");
  });
  bench("generated check, body failing in 3 places (issues named)", () => {
    if (issuesOf(invalid).length === 0) throw new Error("the body should be invalid");
  });
  bench("client check (throw mode), reference example", () => {
    if (!acceptResponse(issuesOf, example, "throw", context, silent, {})) throw new Error("unexpected error");
  });
  bench("client check (throw mode), failing body: issues, redaction, error", () => {
    if (acceptResponse(issuesOf, invalid, "throw", context, silent, {})) throw new Error("expected an error");
  });
});

// Set up at load: benchmark files run no beforeAll hooks. The server is unref'd so it cannot keep the worker alive.
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(example)));
});
server.listen(0, "127.0.0.1");
await once(server, "listening");
server.unref();
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const off = createChatClient({ baseUrl, sessionToken: "bench-session-token", validateResponses: "off", logger: false });
const strict = createChatClient({ baseUrl, sessionToken: "bench-session-token", validateResponses: "throw", logger: false });
const participant: ChatroomParticipantPayload = { chatroom: { id: 42 }, first_name: "Ada" };

describe("add round trip against a local server", () => {
  bench("validateResponses: off", async () => {
    await off.chatroomParticipants.add(participant);
  }, { time: 3_000, warmupTime: 1_000 });
  bench("validateResponses: throw", async () => {
    await strict.chatroomParticipants.add(participant);
  }, { time: 3_000, warmupTime: 1_000 });
});

function readExample(file: string): unknown {
  const text = readFileSync(new URL(`../openapi/components/examples/${file}`, import.meta.url), "utf8");
  return (parse(text) as { value: unknown }).value;
}
