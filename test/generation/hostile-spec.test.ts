import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { generate } from "../../scripts/generate.mjs";
import { MAX_LINE } from "../../scripts/lib/code-text.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Generation runs Redocly and openapi-typescript; generous, so a loaded machine does not fail the hook. */
const GENERATION_TIMEOUT_MS = 120_000;

// Strings the lint accepts, each of which would run (or declare) something if written into code as it is.
const SUMMARY = 'Return single Chatroom */ pwnedBy: (globalThis.pwnedBySummary = true), /*\u2028 on\r one\u2029 line';
const DESCRIPTION = "Returns */ declare const pwnedByDescription: true; /* a chat room";
const OPERATION_ID = "get_chatroom_get:(globalThis.pwnedByOperationId=true),x";
const PROPERTY = 'q"uote*/ pwnedBy: (globalThis.pwnedByProperty = true), /*';
const PROPERTY_DESCRIPTION = "A property */ declare const pwnedByPropertyDescription: true; /*";
const ENUM_VALUE = '"*/ declare const pwnedByEnum: true; /*';
const SCHEMA_NAME = 'Room"Tag*';
/** A schema named like one of TypeScript's own types: its declaration cannot take the name (`interface string` does not compile). */
const TYPE_KEYWORD_NAME = "string";
/** The description of that schema, which becomes the JSDoc of its named declaration (scripts/lib/named-types.mjs). */
const SCHEMA_DESCRIPTION = "A tag */ declare const pwnedBySchemaDescription: true; /*\u2028 on\r one line";

/** A YAML double-quoted scalar of `text` (JSON is YAML; U+2028/U+2029 escaped so no reader takes them for line breaks). */
const yamlString = (text: string) => JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

let root: string;
let outDir: string;

/** Replaces `from` in a file of the copy; throws when the spec no longer has it, so the test never checks less than it says. */
async function edit(file: string, from: string, to: string): Promise<void> {
  const at = path.join(root, "openapi", file);
  const text = await readFile(at, "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update this test`);
  await writeFile(at, text.replace(from, to));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "iwerp-hostile-spec-"));
  outDir = path.join(root, "generated");
  for (const entry of ["openapi", "redocly.yaml"]) await cp(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  await edit("paths/api_chat_chatroom_{identifier}.yaml", "operationId: get_chatroom_get\n", `operationId: ${yamlString(OPERATION_ID)}\n`);
  await edit("paths/api_chat_chatroom_{identifier}.yaml", "summary: Return single Chatroom\n", `summary: ${yamlString(SUMMARY)}\n`);
  await edit("paths/api_chat_chatroom_{identifier}.yaml", "description: Returns a chat room with its participants.\n", `description: ${yamlString(DESCRIPTION)}\n`);
  await edit("paths/api_chat_chatroom_message_reaction_{identifier}.yaml", "operationId: delete_chatroom_message_reaction_delete\n", "operationId: __proto__\n");
  await edit("components/parameters/orderFieldSort.yaml", "    - ASC\n", `    - ASC\n    - ${yamlString(ENUM_VALUE)}\n`);
  await edit(
    "components/schemas/ChatroomRef.yaml",
    "properties:\n",
    [
      "properties:",
      `  ${yamlString(PROPERTY)}:`,
      "    type: string",
      `    description: ${yamlString(PROPERTY_DESCRIPTION)}`,
      "  __proto__:",
      "    type: object",
      "    properties:",
      "      polluted:",
      "        type: integer",
      "  tag:",
      `    $ref: ${yamlString(`${SCHEMA_NAME}.yaml`)}`,
      "  kind:",
      `    $ref: ${yamlString(`${TYPE_KEYWORD_NAME}.yaml`)}`,
      "",
    ].join("\n"),
  );
  await writeFile(
    path.join(root, "openapi/components/schemas", `${SCHEMA_NAME}.yaml`),
    `description: ${yamlString(SCHEMA_DESCRIPTION)}\ntype: object\nproperties:\n  label:\n    type: string\n`,
  );
  await writeFile(path.join(root, "openapi/components/schemas", `${TYPE_KEYWORD_NAME}.yaml`), "type: object\nproperties:\n  code:\n    type: integer\n");
  await generate({ root, outDir });
}, GENERATION_TIMEOUT_MS);

afterAll(() => rm(root, { recursive: true, force: true }));

/** The operationIds of the bundled spec that was generated from, in its order. */
async function bundledOperationIds(): Promise<string[]> {
  const spec = parse(await readFile(path.join(outDir, "openapi.yaml"), "utf8"));
  return Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
    Object.values(item).flatMap((operation) => (typeof operation?.operationId === "string" ? [operation.operationId] : [])),
  );
}

/**
 * What importing the generated operations.js in a fresh Node.js process shows: the globals a payload would set,
 * the tables, and what the generated checks make of bodies with the hostile names.
 */
const PROBE = `
const generated = await import(process.argv[1]);
const { OPERATIONS, SCHEMAS } = generated;
const { check } = OPERATIONS["post_chatroom_participant_post"];
const run = (value) => {
  const reported = [];
  return { passes: check(value), reported: check(value, { report: (message) => reported.push(message) }), messages: reported };
};
console.log(JSON.stringify({
  pwned: Object.keys(globalThis).filter((name) => name.startsWith("pwnedBy")),
  operationIds: Object.keys(OPERATIONS),
  operationsPrototypeIsPlain: Object.getPrototypeOf(OPERATIONS) === Object.prototype,
  protoOperation: Object.hasOwn(OPERATIONS, "__proto__") ? OPERATIONS["__proto__"].path : null,
  hostileOperation: OPERATIONS[${JSON.stringify(OPERATION_ID)}]?.path ?? null,
  chatroomRef: SCHEMAS.ChatroomRef,
  chatroomRefKeys: Object.keys(SCHEMAS.ChatroomRef),
  chatroomRefPrototypeIsPlain: Object.getPrototypeOf(SCHEMAS.ChatroomRef) === Object.prototype,
  schemaNames: Object.keys(SCHEMAS),
  exportOf: Object.fromEntries(Object.entries(OPERATIONS).map(([id, op]) => [id, Object.keys(generated).find((name) => generated[name] === op)])),
  fits: run({ id: 1, chatroom: { id: 1, ${JSON.stringify(PROPERTY)}: "text", tag: { label: "x" } } }),
  inheritedProto: run({ id: 1, chatroom: { id: 1 } }),
  wrong: run({ id: 1, chatroom: { id: 1, ${JSON.stringify(PROPERTY)}: 7, tag: { label: 1 } } }),
  ownProto: run(JSON.parse('{ "id": 1, "chatroom": { "id": 1, "__proto__": { "polluted": "yes" } } }')),
}));
`;

describe("a spec whose strings look like code", () => {
  test(
    "importing the generated operations and checks runs none of them and keeps every operationId and property name as data",
    async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", PROBE, pathToFileURL(path.join(outDir, "operations.js")).href]);
      const seen = JSON.parse(stdout);

      expect(seen.pwned).toEqual([]);
      expect(seen.operationIds).toEqual(await bundledOperationIds());
      expect(seen.operationIds).toEqual(expect.arrayContaining([OPERATION_ID, "__proto__"]));
      expect(seen.hostileOperation).toBe("/api/chat/chatroom/{identifier}");
      expect(seen.operationsPrototypeIsPlain).toBe(true);
      expect(seen.protoOperation).toBe("/api/chat/chatroom_message_reaction/{identifier}");
      expect(seen.chatroomRefKeys).toEqual(expect.arrayContaining([PROPERTY, "__proto__", "tag"]));
      expect(seen.chatroomRefPrototypeIsPlain).toBe(true);
      expect(seen.chatroomRef.tag).toBe(`#${SCHEMA_NAME}`);
      expect(seen.schemaNames).toContain(SCHEMA_NAME);
      // Each operation is also an export of its own, named by its operationId made an identifier.
      expect(seen.exportOf[OPERATION_ID]).toBe("get_chatroom_get__globalThis_pwnedByOperationId_true__x");
      expect(seen.exportOf["__proto__"]).toBe("__proto__");
      expect(seen.exportOf["post_chatroom_participant_post"]).toBe("post_chatroom_participant_post");
      // The checks read, test and name the hostile properties as the data they are.
      expect(seen.fits).toEqual({ passes: true, reported: true, messages: [] });
      expect(seen.inheritedProto).toEqual({ passes: true, reported: true, messages: [] });
      expect(seen.wrong).toEqual({ passes: false, reported: false, messages: ["must be string", "must be string"] });
      expect(seen.ownProto).toEqual({ passes: false, reported: false, messages: ["must be integer"] });
    },
    GENERATION_TIMEOUT_MS,
  );

  test("a summary reaches operations.js only inside its comment, escaped and on one line; no generated line breaks the line limit", async () => {
    const js = await readFile(path.join(outDir, "operations.js"), "utf8");

    expect(js).toContain('\n/** Return single Chatroom *\\/ pwnedBy: (globalThis.pwnedBySummary = true), /*  on  one  line (`GET /api/chat/chatroom/{identifier}`). */\n');
    for (const name of ["operations.js", "operations.d.ts", "checks.js", "checks.d.ts"]) {
      const text = await readFile(path.join(outDir, name), "utf8");
      expect(text, name).not.toMatch(/[\r\u2028\u2029]/);
      expect(text.split("\n").filter((line) => line.length > MAX_LINE), name).toEqual([]);
    }
  });

  test(
    "the generated declarations compile and declare only what the generator writes, with the spec's strings as string types",
    async () => {
      // A module beside the generated files that names the types the spec's strings end up in.
      const probe = path.join(outDir, "probe.ts");
      await writeFile(
        probe,
        [
          'import type { components, operations } from "./openapi.js";',
          'import type { SchemaName } from "./operations.js";',
          "export type OperationIds = keyof operations;",
          'export type OrderSort = NonNullable<components["parameters"]["orderFieldSort"]>;',
          'export type RefProperties = keyof components["schemas"]["ChatroomRef"];',
          "export type Schemas = SchemaName;",
          'export type Kind = NonNullable<components["schemas"]["ChatroomRef"]["kind"]>;',
          "",
        ].join("\n"),
      );
      const program = ts.createProgram([probe], {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        target: ts.ScriptTarget.ES2022,
        types: [],
      });
      const ours = ["openapi.d.ts", "operations.d.ts", "probe.ts", "checks.d.ts"].map((name) => program.getSourceFile(path.join(outDir, name))!);
      const diagnostics = ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]);
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);

      const declared = (file: ts.SourceFile) =>
        file.statements.flatMap((statement) =>
          ts.isVariableStatement(statement)
            ? statement.declarationList.declarations.map((d) => d.name.getText(file))
            : ts.isImportDeclaration(statement)
              ? ["import"]
              : [(statement as ts.DeclarationStatement).name?.getText(file) ?? ts.SyntaxKind[statement.kind]],
        );
      // openapi-typescript's five, then one declaration per schema, named by an identifier made of the schema's name.
      const typeNames = declared(ours[0]!);
      expect(typeNames.slice(0, 5)).toEqual(["paths", "webhooks", "components", "$defs", "operations"]);
      expect(typeNames.slice(5)).toEqual(expect.arrayContaining(["ChatroomRef", "Room_Tag_", `${TYPE_KEYWORD_NAME}_2`]));
      expect(typeNames.slice(5).every((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))).toBe(true);
      const operationExports = (await bundledOperationIds()).map((id) => id.replace(/[^A-Za-z0-9_$]/g, "_"));
      expect(operationExports).toEqual(expect.arrayContaining(["get_chatroom_get__globalThis_pwnedByOperationId_true__x", "__proto__"]));
      expect(declared(ours[1]!)).toEqual([
        "import",
        "import",
        "ResponseOf",
        "Shape",
        "OperationSpec",
        "OperationOf",
        ...operationExports,
        "OPERATIONS",
        "SECRET_FIELDS",
        "SchemaName",
        "SCHEMAS",
        "REQUEST_CHECKS",
      ]);
      const checks = declared(ours[3]!);
      expect(checks.slice(0, 2)).toEqual(["IssuePlace", "Check"]);
      expect(checks.slice(2)).toEqual(expect.arrayContaining(["isChatroomRef", "isRoom_Tag_"]));
      expect(checks.slice(2).every((name) => /^is[A-Za-z0-9_]+$/.test(name))).toBe(true);

      const checker = program.getTypeChecker();
      const members = (alias: string): unknown[] => {
        const statement = ours[2]!.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === alias)!;
        const type = checker.getTypeAtLocation(statement.name);
        return (type.isUnion() ? type.types : [type]).map((t) => (t.isStringLiteral() ? t.value : checker.typeToString(t)));
      };
      expect(members("OperationIds")).toEqual(expect.arrayContaining([OPERATION_ID, "__proto__"]));
      expect(members("OrderSort")).toEqual(["DESC", "ASC", ENUM_VALUE]);
      expect(members("RefProperties")).toEqual(expect.arrayContaining([PROPERTY, "__proto__", "tag"]));
      expect(members("Schemas")).toContain(SCHEMA_NAME);
      // The schema named `string` is its own declaration, not TypeScript's string.
      expect(members("Kind")).toEqual([`${TYPE_KEYWORD_NAME}_2`]);

      // Descriptions stay in their comments, escaped (openapi-typescript writes `*\/` for a comment's end).
      const types = await readFile(path.join(outDir, "openapi.d.ts"), "utf8");
      expect(types).toContain("@description Returns *\\/ declare const pwnedByDescription: true; /* a chat room");
      expect(types).toContain("@description A property *\\/ declare const pwnedByPropertyDescription: true; /*");
      // A schema's description is the JSDoc of its declaration: escaped, and on lines of its own comment.
      expect(types).toContain("/** A tag *\\/ declare const pwnedBySchemaDescription: true; /* on one line */\nexport interface Room_Tag_ {");
      expect(typeNames).not.toContain("pwnedBySchemaDescription");
    },
    GENERATION_TIMEOUT_MS,
  );
});
