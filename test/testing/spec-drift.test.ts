import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../generated/operations.js";
import type { OperationId } from "../../src/index.js";
import { queryRulesOf, routeOf } from "../../src/testing/routes.js";
import { SESSION_HEADER } from "../../src/testing/credentials.js";
import { LOGIN_FIELDS } from "../../src/testing/sessions.js";
import { SCHEMAS } from "../../generated/operations.js";
import { fieldsOf, type ShapeName } from "../../src/testing/shapes.js";
import { deref, refName, responseSchema, spec, specOperations } from "../support/spec.js";

const IDS = Object.keys(OPERATIONS) as OperationId[];
/** Query parameters every list has (1.1 of the reference), as opposed to its filters. */
const LIST_PARAMETERS = ["deleted", "searchString", "orderFieldName", "orderFieldSort", "page", "pageSize", "withMaxPageNumber", "iw-build-id", "iw-package-id"];

/** The field list of a schema as the fake's shapes write it: name, and the schema of its object(s). */
function specFields(name: string): Array<{ name: string; shape: string | undefined }> {
  const schema = spec.components.schemas[name];
  if (schema === undefined) throw new Error(`the spec has no schema ${name}`);
  return Object.entries(schema.properties ?? {}).map(([field, node]) => ({ name: field, shape: refName(node) ?? refName(node.items) }));
}

describe("the fake tenant's tables match the spec", () => {
  test.each(Object.keys(SCHEMAS) as ShapeName[])("shape %s (from the generated table) has the schema's fields, in its order, with the same nested schemas", (name) => {
    expect(fieldsOf(name).map(({ name: field, shape }) => ({ name: field, shape }))).toEqual(specFields(name));
  });

  test.each(IDS.filter((id) => routeOf(id).type === "collection"))("%s answers in the shape of its 200 schema", (id) => {
    const route = routeOf(id);
    const schema = responseSchema(id);
    const name = schema.type === "array" ? refName(schema.items) : refName(schema);
    expect(route.type === "collection" && route.shape).toBe(name);
    expect(OPERATIONS[id].response === "array").toBe(route.type === "collection" && route.kind === "list");
  });

  test.each(IDS.filter((id) => OPERATIONS[id].envelope === "data"))(
    "the body of %s is its 200 body's payload form: the same fields with the same nested schemas (or their payload forms), none required",
    (id) => {
      const body = deref(specOperations.get(id)!.node.requestBody!.content["application/json"]!.schema);
      const record = refName(responseSchema(id))!;
      const payload = refName(body.properties?.data)!;
      expect(payload).toBe(`${record}Payload`);
      const withoutPayload = (fields: ReturnType<typeof specFields>) => fields.map((field) => ({ ...field, shape: field.shape?.replace(/Payload$/, "") }));
      expect(withoutPayload(specFields(payload))).toEqual(specFields(record));
      expect(spec.components.schemas[payload]).not.toHaveProperty("required");
    },
  );

  test.each(IDS.filter((id) => OPERATIONS[id].paging !== null))("the filters of %s are its query parameters besides those every list has", (id) => {
    const route = routeOf(id);
    const names = (specOperations.get(id)!.node.parameters ?? []).map((p) => deref(p) as { name: string; in: string }).filter((p) => p.in === "query").map((p) => p.name);
    expect(route.type === "collection" && route.filters).toEqual(names.filter((name) => !LIST_PARAMETERS.includes(name)));
  });

  test.each(IDS)("the query rules of %s are those of its query parameters that restrict more than a string", (id) => {
    const restricted = (specOperations.get(id)!.node.parameters ?? [])
      .map((p) => deref(p) as { name: string; in: string; schema: { type: string; minimum?: number; maximum?: number; enum?: string[] } })
      .filter((p) => p.in === "query" && (p.schema.type !== "string" || p.schema.enum !== undefined))
      .map((p) => {
        const { type, minimum, maximum, enum: values } = p.schema;
        return [p.name, { type, ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }), ...(values === undefined ? {} : { enum: values.map(String) }) }];
      });
    expect(queryRulesOf(id)).toEqual(Object.fromEntries(restricted));
  });

  test("the login's fields are the strings the fake checks", () => {
    const login = spec.components.schemas.Login!;
    expect(Object.keys(login.properties ?? {})).toEqual([...LOGIN_FIELDS]);
    expect(Object.values(login.properties ?? {}).map((p) => p.type)).toEqual(LOGIN_FIELDS.map(() => "string"));
  });

  test("the session token comes in the header the security scheme names", () => {
    expect(spec.components.securitySchemes.sessionToken?.name).toBe(SESSION_HEADER);
  });
});

describe("the fake tenant runs wherever fetch does", () => {
  const folder = fileURLToPath(new URL("../../src/testing/", import.meta.url));
  const sources = readdirSync(folder).filter((file) => file.endsWith(".ts")).map((file) => [file, readFileSync(`${folder}${file}`, "utf8")] as const);
  /** The one file that serves over HTTP (Node.js only): it may name node:http, in types and in `process.getBuiltinModule`. */
  const SERVER = "http-server.ts";
  /** The MSW entry (`iwerp-chat-client/testing/msw`): it imports msw, an optional peer, and may do nothing else the others may not. */
  const MSW = "msw.ts";

  test.each(sources.filter(([file]) => file !== SERVER && file !== MSW))(
    "%s uses no Node.js-only API and imports only the fake's own files, the operation table, its checks, the fake's model, the client's response check and redactor, and types",
    (_file, source) => {
      expect(source).not.toMatch(/\b(process|Buffer|require|setImmediate|__dirname)\b|node:/);
      const imports = [...source.matchAll(/^import (type )?.*? from "([^"]+)";$/gms)].map(([, type, from = ""]) => ({ type: Boolean(type), from }));
      const runtime = imports.filter((i) => !i.type).map((i) => i.from);
      const allowed = ["../../generated/operations.js", "../../generated/checks.js", "../../generated/model.js", "../core/check-shape.js", "../core/redactor.js"];
      expect(runtime.filter((from) => !from.startsWith("./") && !allowed.includes(from))).toEqual([]);
    },
  );

  test(`${MSW} uses no Node.js-only API and imports only msw and the fake's own types`, () => {
    const source = sources.find(([file]) => file === MSW)?.[1] ?? "";
    expect(source).not.toMatch(/\b(process|Buffer|require|setImmediate|__dirname)\b|node:/);
    const imports = [...source.matchAll(/^import (type )?.*? from "([^"]+)";$/gms)].map(([, type, from = ""]) => ({ type: Boolean(type), from }));
    expect(imports.filter((i) => !i.from.startsWith("./") || !i.type).map((i) => i.from)).toEqual(["msw"]);
  });

  test(`${SERVER} imports node:http for its types only and reaches it through process.getBuiltinModule when serveFakeTenant runs`, () => {
    const source = sources.find(([file]) => file === SERVER)?.[1] ?? "";
    const imports = [...source.matchAll(/^import (type )?.*? from "([^"]+)";$/gms)].map(([, type, from = ""]) => ({ type: Boolean(type), from }));
    expect(imports.filter((i) => !i.from.startsWith("./")).map((i) => `${i.type ? "type " : ""}${i.from}`)).toEqual(["type node:http"]);
    expect(source).not.toMatch(/\b(Buffer|require|setImmediate|__dirname)\b|import\(/);
    // `process` only as `globalThis.process` (absent in a browser), and in the words of docs and messages.
    expect(source.replace(/process\.getBuiltinModule/g, "")).not.toMatch(/\bprocess\.|[^.]\bprocess\b(?!\?:)/);
    expect(source).toContain('runtime.getBuiltinModule("node:http")');
  });

  test("the testing entry bundles for a browser (esbuild, platform browser) with no Node.js module in it", async () => {
    const { build, stop } = await import("esbuild");
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../../src/testing/index.ts", import.meta.url))],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    // esbuild's service is a child process: stopped, not left for the worker's exit to orphan.
    await stop();
    const code = result.outputFiles[0]?.text ?? "";

    expect(result.errors).toEqual([]);
    expect(code).toContain("function createFakeTenant");
    expect(code).toContain("function serveFakeTenant");
    expect(code).not.toMatch(/\bfrom\s*"node:|\brequire\(|\bimport\(/);
  });
});
