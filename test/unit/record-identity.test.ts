import { describe, expect, test } from "vitest";
import { createChatClient, ResponseValidationError } from "../../src/index.js";
import { createScriptedFetch, jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

/** A client whose server answers every call with `body`, and the lines it logged. */
function clientAnswering(body: unknown, validateResponses: "warn" | "throw") {
  const warnings: string[] = [];
  const scripted = createScriptedFetch(() => jsonResponse(200, body));
  const chat = createChatClient({
    baseUrl: "https://acme.iw-erp.de",
    sessionToken: TOKEN,
    fetch: scripted.fetch,
    validateResponses,
    logger: { info: () => {}, warn: (line) => void warnings.push(line) },
  });
  return { chat, warnings };
}

describe("a record the server returns without its id", () => {
  test("is refused with validateResponses: throw, naming /id", async () => {
    const { chat } = clientAnswering({ first_name: "Ada", chatroom: { id: 42 } }, "throw");

    const error = await chat.chatroomParticipants.add({ first_name: "Ada" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues).toEqual([{ path: "/id", message: "must be present" }]);
  });

  test("is returned with a warning naming /id with validateResponses: warn (a create that succeeded must not look failed)", async () => {
    const { chat, warnings } = clientAnswering([{ id: 1 }, { first_name: "Ada" }], "warn");

    const page = await chat.chatroomParticipants.list({ chatroom: 42 });

    expect(page).toEqual([{ id: 1 }, { first_name: "Ada" }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("/1/id: must be present");
  });
});
