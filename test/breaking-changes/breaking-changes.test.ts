import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../scripts/breaking-changes.mjs";
import { breakingChangeGate } from "../../scripts/lib/spec-diff.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Doc {
  info: { version: string };
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, { properties: Record<string, { type?: string }> }> };
}

const bundled = parse(await readFile(path.join(ROOT, "generated/openapi.yaml"), "utf8")) as Doc;
const participant = () => bundled.components.schemas.ChatroomParticipant as { properties: Record<string, { type?: string }> };
const changed = (edit: (doc: Doc) => void): Doc => {
  const copy = structuredClone(bundled);
  edit(copy);
  return copy;
};

describe("breaking-change gate (api-smart-diff)", () => {
  test("the spec compared with itself has no change", () => {
    expect(breakingChangeGate(bundled, structuredClone(bundled)).changes).toEqual([]);
  });

  test("removing a field is flagged as breaking, in the request and in the response", () => {
    expect(participant().properties.nickname).toBeDefined();
    // From the record and from what the writes send (ChatroomParticipantPayload), as a field leaves the API.
    const result = breakingChangeGate(
      bundled,
      changed((doc) => {
        delete doc.components.schemas.ChatroomParticipant!.properties.nickname;
        delete doc.components.schemas.ChatroomParticipantPayload!.properties.nickname;
      }),
    );
    const pointers = result.breaking.map((change) => change.pointer);
    expect(pointers).toContainEqual(expect.stringMatching(/requestBody\/.*\/properties\/data\/properties\/nickname$/));
    expect(pointers).toContainEqual(expect.stringMatching(/responses\/200\/.*\/properties\/nickname$/));
    expect(result.acknowledged).toBe(false);
  });

  test("changing a field's type is flagged as breaking", () => {
    const result = breakingChangeGate(
      bundled,
      changed((doc) => {
        doc.components.schemas.ChatroomParticipant!.properties.id!.type = "string";
        doc.components.schemas.ChatroomParticipantPayload!.properties.id!.type = "string";
      }),
    );
    expect(result.breaking.map((change) => change.pointer)).toContainEqual(expect.stringMatching(/\/properties\/id\/type$/));
    expect(result.breaking.some((change) => /type definition of `data.id` in Request Body/.test(change.description))).toBe(true);
  });

  test("a type changed only in a response is flagged too (the tool alone calls it non-breaking)", () => {
    const result = breakingChangeGate(
      bundled,
      changed((doc) => {
        const response = structuredClone(participant());
        response.properties.id = { type: "string" };
        doc.components.schemas.ChatroomParticipantResponse = response;
        const content = doc.paths["/api/chat/chatroom_participant"]!.post!.responses["200"]!.content["application/json"]!;
        content.schema = { $ref: "#/components/schemas/ChatroomParticipantResponse" };
      }),
    );
    const typeChange = result.breaking.find((change) => /responses\/200\/.*\/properties\/id\/type$/.test(change.pointer));
    expect(typeChange?.reclassified).toMatch(/^non-breaking for api-smart-diff; breaking here/);
  });

  test("adding an optional field is not flagged", () => {
    const result = breakingChangeGate(bundled, changed((doc) => (doc.components.schemas.ChatroomParticipant!.properties.middle_name = { type: "string" })));
    expect(result.breaking).toEqual([]);
    expect(result.changes.filter((change) => change.type === "non-breaking").map((change) => change.pointer)).toContainEqual(
      expect.stringMatching(/responses\/200\/.*\/properties\/middle_name$/),
    );
  });

  test("a renamed operationId is flagged as breaking: chat.request and the generated exports are called by it", () => {
    const result = breakingChangeGate(bundled, changed((doc) => Object.assign(doc.paths["/api/chat/chatroom/{identifier}"]!.get!, { operationId: "get_room" })));
    const renamed = result.breaking.find((change) => change.pointer === "#/paths/~1api~1chat~1chatroom~1{identifier}/get/operationId");
    expect(renamed?.reclassified).toMatch(/^annotation for api-smart-diff; breaking here: callers name the operation by its operationId$/);
  });

  test("dropping a scheme from the spec's security alternatives is flagged as breaking: its clients are refused", () => {
    const withSecurity = bundled as Doc & { security: Array<Record<string, string[]>> };
    expect(withSecurity.security).toContainEqual({ apiKey: [] });
    const result = breakingChangeGate(
      bundled,
      changed((doc) => ((doc as typeof withSecurity).security = withSecurity.security.filter((scheme) => !("apiKey" in scheme)))),
    );
    expect(result.breaking.map((change) => change.pointer)).toContainEqual(expect.stringMatching(/^#\/security\/\d+$/));
    expect(result.acknowledged).toBe(false);
  });

  test("dropping x-iwerp-id or x-iwerp-secret from a field is flagged as breaking; marking a field so is not", () => {
    type Marked = { properties: Record<string, Record<string, unknown>> };
    const schema = (doc: Doc, name: string) => doc.components.schemas[name] as unknown as Marked;
    expect(schema(bundled, "ChatroomPayload").properties.id!["x-iwerp-id"]).toBe(true);
    expect(schema(bundled, "Login").properties.password!["x-iwerp-secret"]).toBe(true);
    const dropped = breakingChangeGate(
      bundled,
      changed((doc) => {
        delete schema(doc, "ChatroomPayload").properties.id!["x-iwerp-id"];
        schema(doc, "Login").properties.password!["x-iwerp-secret"] = false;
      }),
    );
    const pointers = dropped.breaking.map((change) => change.pointer);
    expect(pointers).toContain("#/components/schemas/ChatroomPayload/properties/id/x-iwerp-id");
    expect(pointers).toContain("#/components/schemas/Login/properties/password/x-iwerp-secret");
    expect(pointers).toContainEqual(expect.stringMatching(/^#\/paths\/~1api~1logins\/post\/requestBody\/.*\/password\/x-iwerp-secret$/));

    const marked = breakingChangeGate(bundled, changed((doc) => (schema(doc, "ChatroomParticipant").properties.ai_prompt!["x-iwerp-secret"] = true)));
    expect(marked.changes).not.toEqual([]);
    expect(marked.breaking).toEqual([]);
  });

  test("an operation moved to the customer portal (x-iwerp-audience) is flagged as breaking; writing out the default audience, staff, is not", () => {
    const result = breakingChangeGate(
      bundled,
      changed((doc) => Object.assign(doc.paths["/api/chat/chatroom/{identifier}"]!.get!, { "x-iwerp-audience": "customer" })),
    );
    expect(result.breaking.map((change) => change.pointer)).toEqual(["#/paths/~1api~1chat~1chatroom~1{identifier}/get/x-iwerp-audience"]);
    // Staff's is what an operation without the extension is.
    const spelledOut = breakingChangeGate(
      bundled,
      changed((doc) => Object.assign(doc.paths["/api/chat/chatroom/{identifier}"]!.get!, { "x-iwerp-audience": "staff" })),
    );
    expect(spelledOut.changes).not.toEqual([]);
    expect(spelledOut.breaking).toEqual([]);
  });

  test("an enum imposed on a request field or query parameter that had none is flagged as breaking; a value added to an enum is not", () => {
    type Open = { type?: string; enum?: string[] };
    type Parameters = Record<string, { schema: Open }>;
    const parameters = (doc: Doc) => (doc as Doc & { components: { parameters: Parameters } }).components.parameters;
    const payload = (doc: Doc) => doc.components.schemas.ChatroomParticipantPayload!.properties as Record<string, Open>;
    expect(payload(bundled).participant_type).toEqual(expect.not.objectContaining({ enum: expect.anything() }));
    expect(parameters(bundled).searchString!.schema.enum).toBeUndefined();
    const imposed = breakingChangeGate(
      bundled,
      changed((doc) => {
        payload(doc).participant_type!.enum = ["member"];
        parameters(doc).searchString!.schema.enum = ["ada"];
      }),
    );
    const pointers = imposed.breaking.map((change) => change.pointer);
    expect(pointers).toContainEqual(expect.stringMatching(/requestBody\/.*\/properties\/data\/properties\/participant_type\/enum\/0$/));
    expect(pointers).toContainEqual(expect.stringMatching(/^#\/paths\/~1api~1chat~1chatroom_participant\/get\/parameters\/.*\/enum\/0$/));

    expect(parameters(bundled).orderFieldSort!.schema.enum).toEqual(["DESC", "ASC"]);
    const widened = breakingChangeGate(bundled, changed((doc) => parameters(doc).orderFieldSort!.schema.enum!.push("RANDOM")));
    expect(widened.changes).not.toEqual([]);
    expect(widened.breaking).toEqual([]);
  });

  test("the gate leaves the documents it compares as they were", async () => {
    // Parsed afresh: the other tests hand `bundled` to the gate.
    const before = parse(await readFile(path.join(ROOT, "generated/openapi.yaml"), "utf8")) as Doc;
    const after = changed((doc) => ((doc.components.schemas.ChatroomParticipantPayload!.properties as Record<string, object>).participant_type = { type: "string", enum: ["member"] }));
    const [beforeCopy, afterCopy] = [structuredClone(before), structuredClone(after)];
    breakingChangeGate(before, after);
    expect(before).toEqual(beforeCopy);
    expect(after).toEqual(afterCopy);
  });

  test("a field added to a collection's x-iwerp-required is flagged as breaking: writes without it are refused", () => {
    type Needing = { "x-iwerp-required": string[] };
    const needing = (doc: Doc) => doc.components.schemas.ChatroomParticipant as unknown as Needing;
    expect(needing(bundled)["x-iwerp-required"]).toEqual(["chatroom"]);
    const added = breakingChangeGate(bundled, changed((doc) => needing(doc)["x-iwerp-required"].push("first_name")));
    expect(added.breaking.map((change) => change.pointer)).toContain("#/components/schemas/ChatroomParticipant/x-iwerp-required/1");
    const dropped = breakingChangeGate(bundled, changed((doc) => (needing(doc)["x-iwerp-required"] = [])));
    expect(dropped.changes).not.toEqual([]);
    expect(dropped.breaking).toEqual([]);
  });

  test("a major info.version bump acknowledges breaking changes; a minor bump does not", () => {
    const removeField = (version: string) =>
      changed((doc) => {
        delete doc.components.schemas.ChatroomParticipant!.properties.nickname;
        doc.info.version = version;
      });
    const [majorPart] = bundled.info.version.split(".");
    expect(breakingChangeGate(bundled, removeField(`${Number(majorPart) + 1}.0.0`)).acknowledged).toBe(true);
    expect(breakingChangeGate(bundled, removeField(`${majorPart}.99.0`)).acknowledged).toBe(false);
  });
});

describe("npm run breaking against git", () => {
  let repo: string;
  const run = (...args: string[]) => execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], { cwd: repo });
  const editYaml = async (file: string, edit: (doc: Record<string, any>) => void) => {
    const doc = parse(await readFile(path.join(repo, file), "utf8"));
    edit(doc);
    await writeFile(path.join(repo, file), stringify(doc));
  };
  const gate = async (...argv: string[]) => {
    let out = "";
    const code = await main(argv, { root: repo, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (out += text) } });
    return { code, out };
  };

  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), "iwerp-gate-"));
    await cp(path.join(ROOT, "openapi"), path.join(repo, "openapi"), { recursive: true });
    await cp(path.join(ROOT, "redocly.yaml"), path.join(repo, "redocly.yaml"));
    run("init", "-q", "-b", "main");
    run("add", ".");
    run("commit", "-q", "-m", "spec");
    run("checkout", "-q", "-b", "feature");
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  test("fails on a removed field against the merge base with main, and passes once the major version is raised", async () => {
    await editYaml("openapi/components/schemas/ChatroomParticipant.yaml", (schema) => delete schema.properties.nickname);
    const failing = await gate();
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/against merge-base with main/);
    expect(failing.out).toMatch(/\[Removed\] property `nickname`/);
    expect(failing.out).toMatch(/FAIL: \d+ breaking change\(s\)[\s\S]*raising the major/);

    // The next major of whatever the spec's version is now.
    let major = Number.NaN;
    await editYaml("openapi/openapi.yaml", (root) => {
      major = Number.parseInt(root.info.version, 10);
      root.info.version = `${major + 1}.0.0`;
    });
    const acknowledged = await gate("--base", "main");
    expect(acknowledged.out).toMatch(/against main \(/);
    expect(acknowledged.out).toMatch(new RegExp(`PASS: the breaking changes are acknowledged by info\\.version ${major}\\.\\d+\\.\\d+ → ${major + 1}\\.0\\.0`));
    expect(acknowledged.code).toBe(0);
  });
});
