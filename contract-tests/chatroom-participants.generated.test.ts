import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { RequestValidationError, type ChatroomParticipant } from "../src/index.js";
import { createContractClient } from "./support/contract-client.js";
import { targetIsMock } from "./support/contract-target.js";
import { createPrismServer, type PrismServer } from "./support/create-prism-server.js";
import { describeOperation } from "./support/describe-operation.js";
import { arbitraryFor, resolveSchema, schemaFields, withField, wrongTypeFor, type JsonSchema } from "./support/schema-arbitrary.js";
import { responseSchemaPointer, schemaViolations, spec } from "./support/spec-validator.js";

/*
 * Schema-derived cases: participants generated from the spec's request schema (seeded, so a failure
 * reproduces; `IWERP_CONTRACT_FC_SEED` overrides the seed), and one wrong-type mutation per field.
 */

const PATH = "/api/chat/chatroom_participant";
const SEED = Number(process.env.IWERP_CONTRACT_FC_SEED ?? 20251126);
const DYNAMIC_SEED = "4242";
const VALID_RUNS = 50;
const MUTATED_RUNS = 30;
const MOCK_ONLY = "generated cases run against the embedded mock only; on a real tenant they would create about 100 records";

const operation = spec.paths[PATH]?.post as unknown as { requestBody: { content: Record<string, { schema: JsonSchema }> } };
const payload = resolveSchema(operation.requestBody.content["application/json"]!.schema, spec);
const participantSchema = payload.properties?.data as JsonSchema;
const participants = arbitraryFor(participantSchema, spec) as fc.Arbitrary<ChatroomParticipant>;
const fields = schemaFields(participantSchema, spec).map((field) => ({ ...field, name: field.path.join(".") }));

let dynamic: PrismServer | undefined;
beforeAll(async () => {
  if (targetIsMock) dynamic = await createPrismServer({ dynamicSeed: DYNAMIC_SEED });
});
afterAll(() => dynamic?.stop());

/** A test of generated cases: against the mock only, since each case creates a record. */
function mockTest(name: string, body: () => Promise<void>): void {
  test(name, async (context) => {
    if (!targetIsMock) context.skip(MOCK_ONLY);
    await body();
  });
}

/** Sends generated valid participants to `baseUrl` (default: the contract target) and checks every answer. */
async function acceptsGeneratedParticipants(baseUrl?: string): Promise<void> {
  const { client, exchanges } = createContractClient(baseUrl ? { baseUrl } : {});
  await fc.assert(
    fc.asyncProperty(participants, async (participant) => {
      const sent = exchanges.length;
      const stored = await client.chatroomParticipants.add(participant);
      expect(exchanges[sent]?.status).toBe(200);
      expect(exchanges[sent]?.violations, "sl-violations for a participant the schema accepts").toEqual([]);
      expect(schemaViolations(responseSchemaPointer(PATH, "post", "200"), stored)).toEqual([]);
    }),
    { seed: SEED, numRuns: VALID_RUNS },
  );
}

/** Sends `invalid` and returns what the client threw. */
async function rejection(invalid: Record<string, unknown>): Promise<unknown> {
  const { client } = createContractClient();
  return client.chatroomParticipants.add(invalid as ChatroomParticipant).then(
    (stored) => stored,
    (error: unknown) => error,
  );
}

describeOperation("post_chatroom_participant_post", () => {
  mockTest(`accepts ${VALID_RUNS} valid participants generated from the schema (Prism with static examples)`, () =>
    acceptsGeneratedParticipants(),
  );

  mockTest(`accepts them from Prism with dynamic responses too (-d --seed ${DYNAMIC_SEED}), every response valid`, () =>
    acceptsGeneratedParticipants(dynamic?.url),
  );

  test.for(fields.map((field) => [field.name, field] as const))("rejects a wrong type in data.%s with a 4xx surfaced as RequestValidationError", async ([, field], context) => {
    if (!targetIsMock) context.skip(MOCK_ONLY);
    const error = await rejection(withField({}, field.path, wrongTypeFor(field.schema)));

    expect(error).toBeInstanceOf(RequestValidationError);
    const rejected = error as RequestValidationError;
    expect(rejected.status).toBeGreaterThanOrEqual(400);
    expect(rejected.status).toBeLessThan(500);
    expect(rejected.message).toContain(`data.${field.name}`);
  });

  mockTest(`rejects ${MUTATED_RUNS} generated participants once any one field has the wrong type`, async () => {
    await fc.assert(
      fc.asyncProperty(participants, fc.constantFrom(...fields), async (participant, field) => {
        const error = await rejection(withField(participant, field.path, wrongTypeFor(field.schema)));
        expect(error).toBeInstanceOf(RequestValidationError);
        expect((error as RequestValidationError).status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: MUTATED_RUNS },
    );
  });
});
