import { expect, inject, test } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { AuthenticationError, RequestValidationError, type ChatroomParticipant } from "../src/index.js";
import { createContractClient, CONTRACT_TOKEN, expectRequestViolations } from "./support/contract-client.js";
import { forTarget, targetChatroom, writeTest } from "./support/contract-target.js";
import { withoutHeader } from "./support/recording-fetch.js";
import { describeOperation } from "./support/describe-operation.js";
import { responseSchemaPointer, schemaViolations, spec } from "./support/spec-validator.js";

const PATH = "/api/chat/chatroom_participant";
const examples = (spec as unknown as { components: { examples: Record<string, { value: unknown }> } }).components.examples;
const requestExample = examples["ChatroomParticipantPayload-reference"]?.value as { data: ChatroomParticipant };
const responseExample = examples["ChatroomParticipant-reference"]?.value;
const reference = readFileSync(new URL("../openapi/components/examples/ChatroomParticipantPayload-reference.yaml", import.meta.url), "utf8");

describeOperation("post_chatroom_participant_post", () => {
  writeTest("accepts the reference request example and returns a participant that matches the spec", async () => {
    const { client, exchanges } = createContractClient();
    const participant = await client.chatroomParticipants.add(forTarget(requestExample.data));

    expect(schemaViolations(responseSchemaPointer(PATH, "post", "200"), participant)).toEqual([]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.status).toBe(200);
    expect(JSON.parse(exchanges[0]?.requestBody ?? "null")).toEqual({ data: forTarget(parse(reference).value.data) });
    if (inject("contractServesExamples")) expect(participant).toEqual(responseExample);
  });

  writeTest("sends the session token and the iw-build-id and iw-package-id query parameters", async () => {
    const { client, exchanges } = createContractClient({ buildId: "build-7", packageId: "de.example.app" });
    await client.chatroomParticipants.add({ chatroom: targetChatroom(), first_name: "Ada" });

    const [exchange] = exchanges;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url.pathname).toBe(PATH);
    expect(exchange?.url.searchParams.get("iw-build-id")).toBe("build-7");
    expect(exchange?.url.searchParams.get("iw-package-id")).toBe("de.example.app");
    // Compared as a boolean so that a failure never prints the token.
    expect(exchange?.requestHeaders.get("x-session-token") === CONTRACT_TOKEN, "x-session-token carries the session token").toBe(true);
    expect(exchange?.requestHeaders.get("content-type")).toBe("application/json");
    expect(exchange?.status).toBe(200);
  });

  test("a missing session token surfaces as a typed AuthenticationError with the iwERP error headers", async () => {
    expectRequestViolations(/security/i);
    // The client refuses a blank token, so the header is dropped on the wire to see what the server says.
    const { client, exchanges } = createContractClient({}, withoutHeader("x-session-token"));
    const error = await client.chatroomParticipants.add({ first_name: "Ada" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.status).toBe(401);
    if (inject("contractTargetIsMock")) {
      expect(auth.code).toBe("401");
      expect(auth.messages).toEqual(["JWT expired"]);
    }
    expect(auth.message).toMatch(/POST .*\/api\/chat\/chatroom_participant failed with 401/);
    expect(exchanges[0]?.requestHeaders.has("x-session-token")).toBe(false);
  });

  writeTest("an invalid body forced past the types is rejected with a RequestValidationError naming the violation", async () => {
    const { client } = createContractClient();
    const invalid = { id: "forty-two", chatroom: targetChatroom() } as unknown as ChatroomParticipant;
    const error = await client.chatroomParticipants.add(invalid).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestValidationError);
    const rejected = error as RequestValidationError;
    expect([400, 422]).toContain(rejected.status);
    expect(rejected.message).toMatch(/data\.id/);
    expect(rejected.message).toMatch(/integer/);
  });

  writeTest("keeps the submitted fields and puts the participant into the chat room it names", async () => {
    const { client, exchanges } = createContractClient();
    const sent = { chatroom: targetChatroom(), first_name: "Contract", last_name: "Check" };
    const participant = await client.chatroomParticipants.add(sent);

    expect(exchanges[0]?.status).toBe(200);
    expect(schemaViolations(responseSchemaPointer(PATH, "post", "200"), participant)).toEqual([]);
    // The mock answers with its example whatever was sent; a real server must keep what it was given.
    if (!inject("contractTargetIsMock")) expect(participant).toMatchObject(sent);
  });
});
