import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { componentShapes, shapeOf } from "../../scripts/lib/shapes.mjs";
import { shapeIssues, TYPES } from "../../src/core/check-shape.js";
import { compileShape } from "../../src/core/compile-shape.js";

const spec = parse(readFileSync(new URL("../../generated/openapi.yaml", import.meta.url), "utf8"));
const shapes = componentShapes(spec);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormatsModule.default(ajv);
ajv.addSchema({ ...spec, $id: "spec" });

/** JSON values that often almost fit a schema: the right keys with values of any type, nested a little. */
function nearlyFitting(schemaName: string): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string(), fc.constant("2025-05-04T09:42:00Z"), fc.constant("2025-13-04T09:42:00Z"));
  const keys = Object.keys((spec.components.schemas[schemaName].properties ?? {}) as object);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("object"), fc.array(tie("value"), { maxLength: 3 })),
    object: fc.dictionary(fc.constantFrom(...keys, "id", "chatroom", "reactions", "other"), tie("value"), { maxKeys: 6 }),
  }));
  return value;
}

describe("the client's response check agrees with Ajv on the spec's schemas", () => {
  test.each(Object.keys(spec.components.schemas))("%s: a value passes exactly when Ajv accepts it, and the failing paths agree", (name) => {
    const validate = ajv.getSchema(`spec#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name}`);
    fc.assert(
      fc.property(nearlyFitting(name), (value) => {
        const issues = shapeIssues(`#${name}`, value, shapes);
        const valid = validate(value);
        expect(issues.length === 0).toBe(valid);
        if (!valid) {
          const ajvPaths = new Set((validate.errors ?? []).filter((e) => e.keyword !== "$ref").map((e) => e.instancePath));
          for (const issue of issues) expect(ajvPaths).toContain(issue.path);
        }
      }),
      { seed: 20261127, numRuns: 300 },
    );
  });

  test("each reference example validates", () => {
    for (const [name, example] of Object.entries(spec.components.examples ?? {}) as Array<[string, { value: unknown }]>) {
      const schema = name.replace(/-reference.*$/, "").replace(/List$/, "ListItem");
      if (!(schema in shapes)) continue;
      const shape = Array.isArray(example.value) ? [`#${schema}`] : `#${schema}`;
      expect(shapeIssues(shape, example.value, shapes), name).toEqual([]);
    }
  });
});

describe("shapeIssues", () => {
  test("names each failing path with a message like Ajv's", () => {
    const issues = shapeIssues("#ChatroomParticipant", { id: "x", chatroom: { id: "room" }, room_admin: "yes", created: "yesterday" }, shapes);

    expect(issues).toEqual([
      { path: "/id", message: "must be integer" },
      { path: "/chatroom/id", message: "must be integer" },
      { path: "/room_admin", message: "must be boolean" },
      { path: "/created", message: 'must match format "date-time"' },
    ].sort((a, b) => issues.findIndex((i) => i.path === a.path) - issues.findIndex((i) => i.path === b.path)));
  });

  test("stops at 50 issues however many there are", () => {
    const items = Array.from({ length: 1000 }, () => ({ id: "x" }));

    expect(shapeIssues(["#ChatroomParticipantListItem"], items, shapes)).toHaveLength(50);
  });

  test("the generator refuses a keyword the check does not understand", () => {
    expect(() => shapeOf({ type: "string", enum: ["a"] }, "#/x")).toThrow(/does not understand `enum`/);
    expect(() => shapeOf({ type: "string", format: "uuid" }, "#/x")).toThrow(/format uuid is not one the client's response check knows/);
  });
});

describe("where a runtime forbids code made from text (a strict Content-Security-Policy, Cloudflare Workers)", () => {
  /** The check as such a runtime runs it: built for it, in a context that refuses `new Function`. */
  let forbidden: { shapeIssues: typeof shapeIssues; compileShape: typeof compileShape; TYPES: typeof TYPES };

  beforeAll(async () => {
    const { build } = await import("esbuild");
    const built = await build({
      stdin: { contents: 'export { shapeIssues, TYPES } from "./src/core/check-shape.ts"; export { compileShape } from "./src/core/compile-shape.ts";', resolveDir: fileURLToPath(new URL("../..", import.meta.url)), loader: "ts" },
      bundle: true,
      format: "iife",
      globalName: "check",
      write: false,
      logLevel: "silent",
    });
    const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    vm.runInContext(built.outputFiles[0]?.text ?? "", context);
    forbidden = context.check;
  });

  test("no check is compiled there", () => {
    expect(forbidden.compileShape("#ChatroomParticipant", shapes, forbidden.TYPES)).toBeUndefined();
    expect(compileShape("#ChatroomParticipant", shapes, TYPES)).toBeTypeOf("function");
  });

  test.each(Object.keys(spec.components.schemas))("%s: the walk alone finds the same issues as the compiled check with the walk", (name) => {
    fc.assert(
      fc.property(nearlyFitting(name), (value) => {
        const there = JSON.parse(JSON.stringify(forbidden.shapeIssues(`#${name}`, value, shapes))) as unknown;
        expect(there).toEqual(shapeIssues(`#${name}`, value, shapes));
      }),
      { seed: 20261127, numRuns: 100 },
    );
  });
});

describe("compileShape", () => {
  test("answers undefined when source cannot become a function", () => {
    const refuse = () => {
      throw new EvalError("Code generation from strings disallowed for this context");
    };

    expect(compileShape(["#ChatroomParticipantListItem"], shapes, TYPES, refuse)).toBeUndefined();
  });

  test("writes names as string literals, so a property name cannot inject code", () => {
    const hostile = { 'x"]||globalThis.pwned(),v["': "string", "constructor": "integer" };
    const check = compileShape(hostile, {}, TYPES);

    expect(check?.({ 'x"]||globalThis.pwned(),v["': "fine" })).toBe(true);
    expect(check?.({ 'x"]||globalThis.pwned(),v["': 1 })).toBe(false);
    // An inherited name counts only as the body's own property.
    expect(check?.({})).toBe(true);
    expect(check?.({ constructor: "no" })).toBe(false);
  });

  test("a body nested past the stack answers false instead of throwing, and the walk stops at its depth limit", () => {
    const schemas = { Node: { child: "#Node", id: "integer" } };
    let deep: Record<string, unknown> = { id: 1 };
    for (let i = 0; i < 100_000; i++) deep = { child: deep };
    const check = compileShape("#Node", schemas, TYPES);

    expect(check?.(deep)).toBe(false);
    expect(shapeIssues("#Node", deep, schemas)).toEqual([]);
  });
});
