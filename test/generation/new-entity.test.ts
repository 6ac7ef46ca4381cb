import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createChatClient } from "../../src/index.js";
import { chatQueries } from "../../src/query/index.js";
import { safetyTimeout } from "../support/safety-timeouts.js";

/*
 * Issue 17: a new entity is added by writing the spec only. A copy of the repository gets a "ChatroomTag" (list,
 * get, create, update, delete, with a reference to its chat room) in openapi/ and nothing else; the real
 * `npm run generate` runs in the copy; then the copy's own fake tenant (src/testing, bundled from the copy) serves
 * the tag, the copy's client calls it through `chat.request` (so no facade file is needed: none is written), and
 * the copy's contract suite runs its spec-driven cases on the new operations. Two links between the existing entities
 * are added to the copy's spec as well (a room lists its messages; the participant list's items show their room):
 * what the copy's writes invalidate in its TanStack Query entry follows, with no edit in src/query.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
/**
 * Generation, bundling and a child vitest with two Prism mocks: a safety net, generous (the child suite took
 * 107 s at a load of 35 on 2 cores, about 10 s of CPU), so a loaded machine does not fail them.
 */
const SLOW_MS = safetyTimeout(360_000);

/** The new entity's operations, as the spec below names them. */
const TAG_OPERATIONS = ["get_chatroom_tag_cget", "post_chatroom_tag_post", "get_chatroom_tag_get", "put_chatroom_tag_put", "delete_chatroom_tag_delete"];

const RESPONSES_WITH_ID = `    '400':
      $ref: ../components/responses/SoftError.yaml
    '401':
      $ref: ../components/responses/Unauthorized.yaml
    '403':
      $ref: ../components/responses/Forbidden.yaml
    '404':
      $ref: ../components/responses/NotFound.yaml`;

/** The files a maintainer writes for the new entity, by path under openapi/. */
const SPEC_FILES: Record<string, string> = {
  "components/schemas/ChatroomTag.yaml": `title: ChatroomTag
description: A tag on a chat room.
type: object
x-iwerp-collection: tags
x-iwerp-required:
  - chatroom
properties:
  id:
    type: integer
  chatroom:
    $ref: ChatroomRef.yaml
    description: The chat room the tag is on; every tag has one.
  label:
    type: string
  created:
    type: string
    format: date-time
  updated:
    type: string
    format: date-time
  deleted:
    type: boolean
`,
  "components/schemas/ChatroomTagPayload.yaml": `title: ChatroomTagPayload
description: A tag as a create or update call takes it (inside \`data\`), every field optional.
type: object
properties:
  id:
    type: integer
    x-iwerp-id: true
  chatroom:
    $ref: ChatroomRefPayload.yaml
  label:
    type: string
`,
  "components/examples/ChatroomTag-reference.yaml": `summary: A tag
value:
  id: 42
  chatroom:
    id: 42
  label: urgent
  created: '2025-05-04T09:42:00Z'
  updated: '2025-05-04T09:42:00Z'
  deleted: false
`,
  "components/examples/ChatroomTagPayload-reference.yaml": `summary: A tag on room 42
value:
  data:
    chatroom:
      id: 42
    label: urgent
`,
  "paths/api_chat_chatroom_tag.yaml": `get:
  operationId: get_chatroom_tag_cget
  summary: Returns a list of all ChatroomTags
  description: Lists the tags of chat rooms, one page at a time.
  tags:
    - Chatroom tags
  parameters:
    - $ref: ../components/parameters/chatroom.yaml
    - $ref: ../components/parameters/deleted.yaml
    - $ref: ../components/parameters/page.yaml
    - $ref: ../components/parameters/pageSize.yaml
  responses:
    '200':
      description: Returns a list of all ChatroomTags
      content:
        application/json:
          schema:
            type: array
            items:
              $ref: ../components/schemas/ChatroomTag.yaml
          examples:
            reference:
              value:
                - id: 42
                  chatroom:
                    id: 42
                  label: urgent
    '400':
      $ref: ../components/responses/SoftError.yaml
    '401':
      $ref: ../components/responses/Unauthorized.yaml
    '403':
      $ref: ../components/responses/Forbidden.yaml
    '422':
      $ref: ../components/responses/UnprocessableEntity.yaml
post:
  operationId: post_chatroom_tag_post
  summary: Add a new ChatroomTag
  description: Tags a chat room (\`data.chatroom\`, which must exist, else \`422\`).
  tags:
    - Chatroom tags
  requestBody:
    required: true
    content:
      application/json:
        schema:
          type: object
          properties:
            data:
              $ref: ../components/schemas/ChatroomTagPayload.yaml
        examples:
          reference:
            $ref: ../components/examples/ChatroomTagPayload-reference.yaml
  responses:
    '200':
      description: Add a new ChatroomTag
      content:
        application/json:
          schema:
            $ref: ../components/schemas/ChatroomTag.yaml
          examples:
            reference:
              $ref: ../components/examples/ChatroomTag-reference.yaml
    '400':
      $ref: ../components/responses/SoftError.yaml
    '401':
      $ref: ../components/responses/Unauthorized.yaml
    '403':
      $ref: ../components/responses/Forbidden.yaml
    '422':
      $ref: ../components/responses/UnprocessableEntity.yaml
`,
  "paths/api_chat_chatroom_tag_{identifier}.yaml": `get:
  operationId: get_chatroom_tag_get
  summary: Return single ChatroomTag
  description: Returns a tag of a chat room.
  tags:
    - Chatroom tags
  parameters:
    - $ref: ../components/parameters/identifier.yaml
  responses:
    '200':
      description: Return single ChatroomTag
      content:
        application/json:
          schema:
            $ref: ../components/schemas/ChatroomTag.yaml
          examples:
            reference:
              $ref: ../components/examples/ChatroomTag-reference.yaml
${RESPONSES_WITH_ID}
put:
  operationId: put_chatroom_tag_put
  summary: Update single ChatroomTag
  description: Updates a tag of a chat room.
  tags:
    - Chatroom tags
  parameters:
    - $ref: ../components/parameters/identifier.yaml
  requestBody:
    required: true
    content:
      application/json:
        schema:
          type: object
          properties:
            data:
              $ref: ../components/schemas/ChatroomTagPayload.yaml
        examples:
          reference:
            $ref: ../components/examples/ChatroomTagPayload-reference.yaml
  responses:
    '200':
      description: Update single ChatroomTag
      content:
        application/json:
          schema:
            $ref: ../components/schemas/ChatroomTag.yaml
          examples:
            reference:
              $ref: ../components/examples/ChatroomTag-reference.yaml
${RESPONSES_WITH_ID}
    '422':
      $ref: ../components/responses/UnprocessableEntity.yaml
delete:
  operationId: delete_chatroom_tag_delete
  summary: Delete a single ChatroomTag
  description: "Deletes a tag and returns it, marked \`deleted\`."
  tags:
    - Chatroom tags
  parameters:
    - $ref: ../components/parameters/identifier.yaml
  responses:
    '200':
      description: Delete a single ChatroomTag
      content:
        application/json:
          schema:
            $ref: ../components/schemas/ChatroomTag.yaml
          examples:
            reference:
              $ref: ../components/examples/ChatroomTag-reference.yaml
${RESPONSES_WITH_ID}
`,
};

let root: string;
let fake: typeof import("../../src/testing/index.js");
let client: typeof import("../../src/index.js");
let model: typeof import("../../generated/model.js");
let query: typeof import("../../src/query/index.js");

/** Replaces `from` in a file of the copy's spec; throws when the spec no longer has it, so the test never checks less than it says. */
async function edit(file: string, from: string, to: string): Promise<void> {
  const at = path.join(root, "openapi", file);
  const text = await readFile(at, "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update this test`);
  await writeFile(at, text.replace(from, to));
}

/** The copy's `entry` bundled with esbuild (so its imports resolve inside the copy), written there and imported. */
async function importBundled<T>(entry: string, name: string): Promise<T> {
  const { build } = await import("esbuild");
  const outfile = path.join(root, ".bundles", `${name}.mjs`);
  await build({ entryPoints: [path.join(root, entry)], bundle: true, format: "esm", platform: "node", outfile, logLevel: "silent" });
  return (await import(pathToFileURL(outfile).href)) as T;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-new-entity-"));
  // The repository as committed to git (tracked files only), with its installed packages.
  const { stdout } = await run("git", ["ls-files", "-z"], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  for (const file of stdout.split("\0").filter(Boolean)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await cp(path.join(ROOT, file), path.join(root, file));
  }
  await symlink(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");

  // The spec: the new files, the paths and the tag. Nothing outside openapi/ changes.
  for (const [file, text] of Object.entries(SPEC_FILES)) await writeFile(path.join(root, "openapi", file), text);
  await edit(
    "openapi.yaml",
    "  /api/logins:\n",
    "  /api/chat/chatroom_tag:\n    $ref: paths/api_chat_chatroom_tag.yaml\n  /api/chat/chatroom_tag/{identifier}:\n    $ref: paths/api_chat_chatroom_tag_{identifier}.yaml\n  /api/logins:\n",
  );
  await edit("openapi.yaml", "  - name: Customer portal\n", "  - name: Chatroom tags\n    description: Tags on chat rooms (`/api/chat/chatroom_tag`).\n  - name: Customer portal\n");
  // A child link (a room lists its messages) and a reference a read shows (the participant list's items show their
  // room), for what the writes of existing entities invalidate.
  await edit(
    "components/schemas/Chatroom.yaml",
    "properties:\n  id:\n    type: integer\n",
    "properties:\n  id:\n    type: integer\n  messages:\n    type: array\n    description: The messages of the room.\n    x-iwerp-children: messages\n    items:\n      $ref: ChatroomMessageRef.yaml\n",
  );
  await edit("components/schemas/ChatroomParticipantListItem.yaml", "properties:\n  id:\n    type: integer\n", "properties:\n  id:\n    type: integer\n  chatroom:\n    $ref: ChatroomRef.yaml\n");

  await run("npm", ["run", "generate"], { cwd: root });
  [fake, client, query, model] = await Promise.all([
    importBundled<typeof fake>("src/testing/index.ts", "testing"),
    importBundled<typeof client>("src/index.ts", "client"),
    importBundled<typeof query>("src/query/index.ts", "query"),
    import(pathToFileURL(path.join(root, "generated", "model.js")).href) as Promise<typeof model>,
  ]);
}, SLOW_MS);

afterAll(() => (root === undefined ? undefined : rm(root, { recursive: true, force: true })));

describe("a new entity written into the spec only (ChatroomTag, in a copy of the repository)", () => {
  test("npm run generate derives its collection: key, schema, required reference to chat rooms, filter and the kind of each operation", () => {
    const collections = model.COLLECTIONS as Record<string, unknown>;
    const routes = model.ROUTES as Record<string, { kind: string; collection: string | null; filters: readonly string[]; statuses: readonly number[] }>;

    expect(collections.tags).toEqual({
      resource: "chatroom_tag",
      schema: "ChatroomTag",
      required: ["chatroom"],
      references: { chatroom: { collection: "chatrooms" } },
      children: {},
      seedFields: [],
    });
    expect(model.COLLECTION_ORDER.indexOf("tags" as never)).toBeGreaterThan(model.COLLECTION_ORDER.indexOf("chatrooms"));
    expect(TAG_OPERATIONS.map((id) => [id, routes[id]?.kind, routes[id]?.collection])).toEqual([
      ["get_chatroom_tag_cget", "list", "tags"],
      ["post_chatroom_tag_post", "create", "tags"],
      ["get_chatroom_tag_get", "get", "tags"],
      ["put_chatroom_tag_put", "update", "tags"],
      ["delete_chatroom_tag_delete", "delete", "tags"],
    ]);
    expect(routes.get_chatroom_tag_cget?.filters).toEqual(["chatroom"]);
    expect(routes.get_chatroom_tag_get?.statuses).toEqual([200, 400, 401, 403, 404]);
  });

  test(
    "the copy's fake tenant serves it: create, read back, list, filter by its chat room, update, delete; a tag on a room that does not exist is a 422",
    async () => {
      const tenant = fake.createFakeTenant({ seed: { ...fake.DEFAULT_SEED, chatrooms: [...(fake.DEFAULT_SEED.chatrooms ?? []), { id: 7, name: "Other" }] } as never });
      const call = async (method: string, url: string, body?: unknown) => {
        const response = await tenant.fetch(`https://acme.iw-erp.de/api/chat/chatroom_tag${url}`, {
          method,
          headers: { "x-session-token": tenant.sessionToken, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          ...(body === undefined ? {} : { body: JSON.stringify({ data: body }) }),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> & Array<Record<string, unknown>>, errors: response.headers.get("x-iw-error-json") };
      };

      const created = await call("POST", "", { chatroom: { id: 42 }, label: "urgent" });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ chatroom: { id: 42 }, label: "urgent", deleted: false });
      const id = created.body.id as number;
      expect(Number.isInteger(id)).toBe(true);
      await call("POST", "", { chatroom: { id: 7 }, label: "elsewhere" });

      expect((await call("GET", `/${id}`)).body).toMatchObject({ id, label: "urgent", chatroom: { id: 42 } });
      expect((await call("GET", "")).body.map((tag) => tag.label)).toEqual(["urgent", "elsewhere"]);
      expect((await call("GET", "?chatroom=42")).body.map((tag) => tag.label)).toEqual(["urgent"]);
      expect((await call("GET", "?chatroom=7")).body.map((tag) => tag.label)).toEqual(["elsewhere"]);

      expect((await call("PUT", `/${id}`, { chatroom: { id: 42 }, label: "done" })).body).toMatchObject({ id, label: "done" });
      expect((await call("GET", `/${id}`)).body).toMatchObject({ label: "done" });

      expect((await call("DELETE", `/${id}`)).body).toMatchObject({ id, deleted: true });
      expect((await call("GET", "?chatroom=42")).body).toEqual([]);
      expect((await call("GET", "?chatroom=42&deleted=true")).body.map((tag) => tag.id)).toEqual([id]);
      expect((tenant.state as unknown as Record<string, Array<{ label?: string }>>).tags?.map((tag) => tag.label)).toEqual(["done", "elsewhere"]);

      const refused = await call("POST", "", { chatroom: { id: 999 }, label: "nowhere" });
      expect(refused.status).toBe(422);
      expect(refused.errors).toContain("data.chatroom.id: names no Chatroom: there is none with id 999");
      expect((await call("GET", "/404404")).status).toBe(404);
    },
    SLOW_MS,
  );

  test("the copy's client calls it through chat.request, with no facade file: the typed generic call covers a new operation", async () => {
    const tenant = fake.createFakeTenant();
    const chat = client.createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: tenant.sessionToken, fetch: tenant.fetch });
    const request = chat.request as unknown as (id: string, input: unknown) => Promise<Record<string, unknown>>;

    const created = await request("post_chatroom_tag_post", { body: { chatroom: { id: 42 }, label: "via chat.request" } });
    const read = await request("get_chatroom_tag_get", { path: { identifier: String(created.id) } });

    expect(read).toMatchObject({ id: created.id, label: "via chat.request", chatroom: { id: 42 } });
  });

  test("what a write invalidates follows the copy's spec, with no edit in src/query: a new child link or a reference a read shows adds its kind of record", () => {
    const invalidates = model.INVALIDATES as Record<string, readonly string[] | undefined>;
    // The tag's own writes, and those of the room it shows, come from its references alone.
    expect(invalidates.post_chatroom_tag_post).toEqual(["tags"]);
    expect(invalidates.put_chatroom_tag_put).toEqual(["tags"]);
    expect(invalidates.put_chatroom_put).toEqual(["chatrooms", "participants", "messages", "reactions", "tags"]);
    expect(invalidates.delete_chatroom_message_delete).toEqual(["messages", "chatrooms", "reactions"]);

    /** The kinds of record (key entities) each facade write of a chatQueries invalidates. */
    const entities = (queries: ReturnType<typeof query.chatQueries>) => ({
      "chatrooms.update": queries.chatrooms.update().invalidates.map((key) => key[2]),
      "chatroomMessages.delete": queries.chatroomMessages.delete().invalidates.map((key) => key[2]),
      "customerPortal.chatroomMessages.update": queries.customerPortal.chatroomMessages.update().invalidates.map((key) => key[2]),
      "chatroomParticipants.add": queries.chatroomParticipants.add().invalidates.map((key) => key[2]),
    });
    const chat = (of: typeof client) => of.createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: "never-sent-token", fetch: () => Promise.reject(new Error("no call")) });

    // This repository's entry, from its own spec: rooms list no messages, participant list items show no room.
    expect(entities(chatQueries(createChatClient({ baseUrl: "https://acme.iw-erp.de", sessionToken: "never-sent-token" })))).toEqual({
      "chatrooms.update": ["chatroom", "message", "reaction"],
      "chatroomMessages.delete": ["message", "reaction"],
      "customerPortal.chatroomMessages.update": ["message", "reaction"],
      "chatroomParticipants.add": ["participant", "chatroom"],
    });
    // The copy's entry: the same src/query; tags have no queries in it, so no key.
    expect(entities(query.chatQueries(chat(client)))).toEqual({
      "chatrooms.update": ["chatroom", "participant", "message", "reaction"],
      "chatroomMessages.delete": ["message", "chatroom", "reaction"],
      "customerPortal.chatroomMessages.update": ["message", "chatroom", "reaction"],
      "chatroomParticipants.add": ["participant", "chatroom"],
    });
  });

  test("the copy's package exports the new schemas' named types with no edit to src/: a wrong field type fails the type-check", async () => {
    // TypeScript 7, as `npm test` type-checks; the copy's own tsconfig, on one file only.
    await writeFile(
      path.join(root, "tag-types.ts"),
      `import type { ChatroomTag, ChatroomTagPayload } from "./src/index.js";
export const tag: ChatroomTag = { id: 1, chatroom: { id: 42 }, label: "urgent" };
export const payload: ChatroomTagPayload = { chatroom: { id: "42" }, label: "urgent" };
// @ts-expect-error: label is a string in the spec.
export const wrong: ChatroomTag = { id: 1, label: 42 };
`,
    );
    await writeFile(path.join(root, "tsconfig.tag.json"), JSON.stringify({ extends: "./tsconfig.json", include: [], files: ["tag-types.ts"], compilerOptions: { incremental: false } }));
    const checked = await run(process.execPath, [path.join(ROOT, "node_modules", "typescript-7", "bin", "tsc"), "-p", "tsconfig.tag.json"], { cwd: root }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );

    expect(checked).toBe("");
  }, SLOW_MS);

  test(
    "the copy's contract suite runs its spec-driven cases on every new operation (static and dynamic Prism, and the fake tenant), and they pass",
    async () => {
      const report = path.join(root, "contract-report.json");
      // The fake's reference calls of a tag by id are left out: its default seed (hand-written test data, not the
      // spec) holds no tag 42, so they answer the documented 404. The list and the create run on the fake too.
      const pattern = "^(?:get_chatroom_tag_cget|post_chatroom_tag_post) |^(?:get_chatroom_tag_get|put_chatroom_tag_put|delete_chatroom_tag_delete) (?!accepts .*\\(fake tenant\\)$)";
      await run(
        process.execPath,
        [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--project", "contract", "contract-tests/spec-operations.test.ts", "-t", pattern, "--reporter=json", `--outputFile=${report}`],
        { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, IWERP_CONTRACT_BASE_URL: "", IWERP_CONTRACT_UPSTREAM: "" } },
      ).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`the copy's contract suite failed:\n${String(error.stdout ?? "").slice(-4000)}\n${String(error.stderr ?? "").slice(-2000)}`);
      });
      const results = JSON.parse(await readFile(report, "utf8")) as { testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }> };
      const tests = results.testResults.flatMap((file) => file.assertionResults);
      const byOperation = (id: string) => tests.filter((t) => t.ancestorTitles[0] === id);

      for (const id of TAG_OPERATIONS) {
        const ran = byOperation(id);
        expect(ran.filter((t) => t.status === "failed").map((t) => t.title), id).toEqual([]);
        expect(ran.filter((t) => t.status === "passed").length, `${id} has passing spec-driven tests`).toBeGreaterThan(0);
        expect(ran.some((t) => t.status === "passed" && t.title.endsWith("(static Prism)")), id).toBe(true);
      }
      // The cases of a body: its reference call, generated bodies and one wrong type per field, on the fake too.
      expect(byOperation("post_chatroom_tag_post").filter((t) => t.status === "passed").map((t) => t.title)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^accepts .*\(fake tenant\)$/),
          expect.stringMatching(/^answers 5 requests with bodies .*\(fake tenant\)$/),
          expect.stringMatching(/^rejects a number in data\.label, naming it.*\(fake tenant\)$/),
        ]),
      );
    },
    SLOW_MS,
  );
});
