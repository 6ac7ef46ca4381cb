import { readdirSync, readFileSync } from "node:fs";
import vm from "node:vm";
import { build, stop as stopEsbuild, transform } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { arbitraryFor, type JsonSchema } from "../support/contract/schema-arbitrary.js";
import * as generated from "../../generated/checks.js";
import { CheckWriter, HELPER_WORDS } from "../../scripts/lib/checks.mjs";
import { Identifiers } from "../../scripts/lib/code-text.mjs";
import { shapeOf } from "../../scripts/lib/shapes.mjs";
import { createSpecValidator, readSpec } from "../../scripts/lib/spec.mjs";
import { shapeIssues, type Check, type ShapeIssue } from "../../src/core/check-shape.js";

// esbuild's service is a child process: stopped after this file. (Its sync calls would run in a worker thread whose
// esbuild child stops with the worker but is left unreaped: the calls here are async.)
afterAll(() => stopEsbuild());

const ROOT = new URL("../..", import.meta.url);
const spec = readSpec();
const SCHEMA_NAMES = Object.keys(spec.components.schemas);
const ajv = createSpecValidator(spec);

/** The generated check of the component schema `name` (`isChatroomRef` for `ChatroomRef`). */
function checkOf(name: string, from: Record<string, unknown> = generated): Check {
  const check = from[`is${name}`];
  if (typeof check !== "function") throw new Error(`generated/checks.js has no check of ${name}`);
  return check as Check;
}

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

/** Runs a check as the client does: the answer, and the issues `shapeIssues` names (none exactly when it passes). */
function verdicts(check: Check, value: unknown): { passes: boolean; issues: ShapeIssue[] } {
  const passes = check(value);
  const issues = shapeIssues(check, value);
  expect(issues.length === 0, "issues are named exactly when the check says no").toBe(passes);
  return { passes, issues };
}

/**
 * Loads generated check code the way a strict page would run it: in a context where code made from text
 * (`eval`, `new Function`) throws.
 */
function loadWithoutEval(source: string): Record<string, unknown> {
  const context = vm.createContext({ module: { exports: {} } }, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(source, context);
  return (context as { module: { exports: Record<string, unknown> } }).module.exports;
}

/** Generated checks of `shapes` (as `npm run generate` writes them), loaded without eval. */
async function checksOf(shapes: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { js } = new CheckWriter(shapes as never, new Identifiers(HELPER_WORDS)).render("// test");
  return loadWithoutEval((await transform(js, { format: "cjs", loader: "js" })).code);
}

describe("the generated response checks agree with Ajv on every component schema", () => {
  test.each(SCHEMA_NAMES)("%s: a nearly fitting value passes exactly when Ajv accepts it, and each issue names a path Ajv names", (name) => {
    const validate = ajv.compile(`#/components/schemas/${name}`);
    const check = checkOf(name);
    fc.assert(
      fc.property(nearlyFitting(name), (value) => {
        const { passes, issues } = verdicts(check, value);
        const valid = validate(value);
        expect(passes).toBe(valid);
        expect(issues.length === 0).toBe(valid);
        // Ajv names a missing required property at its parent (`must have required property 'id'`); the check at the property.
        const ajvPaths = new Set(
          (validate.errors ?? [])
            .filter((e) => e.keyword !== "$ref")
            .map((e) => (e.keyword === "required" ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath)),
        );
        for (const issue of issues) expect(ajvPaths).toContain(issue.path);
      }),
      { seed: 20261127, numRuns: 300 },
    );
  });

  test.each(SCHEMA_NAMES)("%s: every value the schema allows passes, as Ajv says", (name) => {
    const validate = ajv.compile(`#/components/schemas/${name}`);
    const check = checkOf(name);
    fc.assert(
      fc.property(arbitraryFor(spec.components.schemas[name] as JsonSchema, spec), (value) => {
        expect(validate(value)).toBe(true);
        expect(verdicts(check, value)).toEqual({ passes: true, issues: [] });
      }),
      { seed: 20261127, numRuns: 100 },
    );
  });

  test("a date-time passes exactly when Ajv's format accepts it: days of each month, leap years, leap seconds, separators, offsets", async () => {
    const validate = ajv.compile("#/components/schemas/ChatroomParticipant/properties/created");
    const { isStamp } = (await checksOf({ Stamp: { at: "date-time" } })) as { isStamp: Check };
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const dateTimes = fc
      .tuple(
        fc.constantFrom("1900", "2000", "2023", "2024", "2100"),
        two(13),
        two(32),
        fc.constantFrom("T", "t", " ", "\t", "x", ""),
        two(24),
        two(60),
        two(61),
        fc.constantFrom("", ".5", ".123456"),
        fc.constantFrom("Z", "z", "", "+00:00", "-01:00", "+0130", "+05", "-23:59", "+24:00", "+01:60", "+1"),
      )
      .map(([y, mo, d, sep, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`);
    const fixed = ["2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2100-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2016-12-31T23:59:60Z", "2016-12-31T12:00:60Z", "2017-01-01T00:59:60+01:00", "2017-01-01T00:59:60-01:00"];

    for (const value of fixed) expect(isStamp({ at: value }), value).toBe(validate(value));
    fc.assert(fc.property(dateTimes, (value) => isStamp({ at: value }) === validate(value)), { numRuns: 3000 });
    // The one known difference: Ajv's leap-second rule also lets through an hour of 24 that its offset makes 23 UTC.
    expect([validate("2016-12-31T24:59:60+01:00"), isStamp({ at: "2016-12-31T24:59:60+01:00" })]).toEqual([true, false]);
  });

  test("each reference example passes", () => {
    let checked = 0;
    for (const [name, example] of Object.entries(spec.components.examples ?? {}) as Array<[string, { value: unknown }]>) {
      const schema = name.replace(/-reference.*$/, "").replace(/List$/, "ListItem");
      if (!SCHEMA_NAMES.includes(schema)) continue;
      const items = Array.isArray(example.value) ? example.value : [example.value];
      for (const item of items) expect(verdicts(checkOf(schema), item), name).toEqual({ passes: true, issues: [] });
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe("shapeIssues: a generated check as the client runs it", () => {
  test("names each failing path with a message like Ajv's", () => {
    const body = { id: "x", chatroom: { id: "room" }, room_admin: "yes", created: "yesterday", last_read_at: 7 };
    const issues = shapeIssues(generated.isChatroomParticipant, body);

    expect(issues).toEqual([
      { path: "/id", message: "must be integer" },
      { path: "/chatroom/id", message: "must be integer" },
      { path: "/last_read_at", message: "must be string" },
      { path: "/room_admin", message: "must be boolean" },
      { path: "/created", message: 'must match format "date-time"' },
    ]);
  });

  test("a record without its id fails, naming /id, in every schema whose records the server returns", () => {
    expect(shapeIssues(generated.isChatroomParticipant, { first_name: "Ada" })).toEqual([{ path: "/id", message: "must be present" }]);
    expect(shapeIssues(generated.isChatroomParticipantListItemArray, [{ id: 1 }, { first_name: "Ada" }])).toEqual([{ path: "/1/id", message: "must be present" }]);
    expect(shapeIssues(generated.isChatroomMessage, { id: 1, participant: { name: "Ada" } })).toEqual([{ path: "/participant/id", message: "must be present" }]);
    // A property of every object (`toString`) is not the record's, and an id of the wrong type is still that.
    expect(shapeIssues(generated.isSession, { id: null })).toEqual([{ path: "/id", message: "must be integer" }]);
  });

  test("what a write sends needs no id: the payload forms require nothing", () => {
    expect(shapeIssues(generated.isChatroomParticipantPayload, { first_name: "Ada", chatroom: { id: 42 } })).toEqual([]);
    expect(shapeIssues(generated.isCustomerChatroomMessagePayload, { reactions: [{ emoji: "+1" }] })).toEqual([]);
  });

  test("names items of a list by their index, and a list or object of the wrong type as such", () => {
    expect(shapeIssues(generated.isChatroomParticipantListItemArray, [{ id: 1 }, { id: 2, deleted: "no" }, 3])).toEqual([
      { path: "/1/deleted", message: "must be boolean" },
      { path: "/2", message: "must be object" },
    ]);
    expect(shapeIssues(generated.isChatroom, { id: 42, participants: {} })).toEqual([{ path: "/participants", message: "must be array" }]);
    expect(shapeIssues(generated.isChatroom, [])).toEqual([{ path: "", message: "must be object" }]);
  });

  test("stops at 50 issues however many there are", () => {
    const items = Array.from({ length: 1000 }, () => ({ id: "x", deleted: 0 }));

    expect(shapeIssues(generated.isChatroomParticipantListItemArray, items)).toHaveLength(50);
  });

  test("the walk that names the issues ends at the 50th: no item after it is read, however long the list", () => {
    // Each item has two issues (id and deleted), so the 50th is in the 25th item; its getter counts the items read.
    let read = 0;
    const items = Array.from({ length: 100_000 }, () => ({
      get id() {
        read++;
        return "x";
      },
      deleted: 0,
    }));

    const issues = shapeIssues(generated.isChatroomParticipantListItemArray, items);

    expect(issues).toHaveLength(50);
    expect(issues.at(-1)).toEqual({ path: "/24/deleted", message: "must be boolean" });
    // The first, quick check stops at the first item that fails; the walk reads the items up to the 25th (a read
    // or two each), none of the 99,975 after it.
    expect(read).toBeLessThan(60);
  });

  test("a body that matches gets the one shared, frozen empty list: nothing is allocated for it", () => {
    const first = shapeIssues(generated.isChatroomRef, { id: 1 });

    expect(first).toEqual([]);
    expect(shapeIssues(generated.isSession, { id: 1 })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  test("a body nested past the stack through a schema that refers to itself is one issue, not a crash", async () => {
    const { isNode } = (await checksOf({ Node: { child: "#Node", id: "integer" } })) as { isNode: Check };
    let deep: Record<string, unknown> = { id: 1 };
    for (let i = 0; i < 100_000; i++) deep = { child: deep };

    expect(shapeIssues(isNode, { child: { child: { id: "x" } } })).toEqual([{ path: "/child/child/id", message: "must be integer" }]);
    expect(shapeIssues(isNode, deep)).toEqual([{ path: "", message: "is nested too deeply to check" }]);
  });

  test("a property name that looks like code is data: it is read, checked and named as it is, and runs nothing", async () => {
    const hostile = 'x"]||(globalThis.pwned=1),v["*/\u2028';
    const shape = { [hostile]: "string", constructor: "integer", "a/b~c": "boolean", ["__proto__"]: "integer" };
    const { isThing } = (await checksOf({ Thing: shape })) as { isThing: Check };
    const protoOwn = JSON.parse('{"__proto__": "x"}') as unknown;

    expect(shapeIssues(isThing, { [hostile]: "fine" })).toEqual([]);
    expect(shapeIssues(isThing, { [hostile]: 1, "a/b~c": 1 })).toEqual([
      // A JSON pointer: its `/` is written `~1`.
      { path: `/${hostile.replace("/", "~1")}`, message: "must be string" },
      { path: "/a~1b~0c", message: "must be boolean" },
    ]);
    // Inherited names count only as the body's own properties.
    expect(shapeIssues(isThing, {})).toEqual([]);
    expect(shapeIssues(isThing, { constructor: "no" })).toEqual([{ path: "/constructor", message: "must be integer" }]);
    expect(shapeIssues(isThing, protoOwn)).toEqual([{ path: "/__proto__", message: "must be integer" }]);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test("a frozen body is named like any other (the recorder reads a copy)", () => {
    const frozen = Object.freeze({ id: "x", chatroom: Object.freeze({ id: "room" }) });

    expect(shapeIssues(generated.isChatroomParticipant, frozen)).toEqual([
      { path: "/id", message: "must be integer" },
      { path: "/chatroom/id", message: "must be integer" },
    ]);
  });

  test("a check that says no without saying why still refuses the body", () => {
    expect(shapeIssues(() => false, { id: 1 })).toEqual([{ path: "", message: "does not match the spec" }]);
  });

  test("the generator refuses a keyword the check does not understand", () => {
    expect(() => shapeOf({ type: "string", enum: ["a"] }, "#/x")).toThrow(/does not understand `enum`/);
    expect(() => shapeOf({ type: "string", format: "uuid" }, "#/x")).toThrow(/format uuid is not one the client's response check knows/);
  });
});

describe("safe under a strict Content-Security-Policy by construction", () => {
  test("no code in src/ or generated/ makes code from text", () => {
    const files = [
      ...readdirSync(new URL("src", ROOT), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => `src/${f}`),
      ...readdirSync(new URL("generated", ROOT)).filter((f) => f.endsWith(".js")).map((f) => `generated/${f}`),
    ];
    const offenders = files.filter((file) => /\bnew Function\b|\bFunction\(|\beval\(|setTimeout\(\s*["'`]/.test(readFileSync(new URL(file, ROOT), "utf8")));

    expect(files.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  /** The client's check and the generated code, bundled as a page would load them, run where eval throws. */
  let strict: Record<string, unknown>;
  beforeAll(async () => {
    const bundled = await build({
      stdin: {
        contents: 'export { shapeIssues } from "./src/core/check-shape.ts"; export * from "./generated/checks.js";',
        resolveDir: ROOT.pathname,
        loader: "ts",
      },
      bundle: true,
      format: "cjs",
      write: false,
      logLevel: "silent",
    });
    strict = loadWithoutEval(bundled.outputFiles[0]?.text ?? "");
  });

  test("that context refuses code made from text", () => {
    const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    expect(() => vm.runInContext("eval('1')", context)).toThrow(/Code generation from strings disallowed/);
  });

  test.each(SCHEMA_NAMES)("%s: where code made from text throws, the client's check finds the same issues", (name) => {
    const there = strict as { shapeIssues: typeof shapeIssues };
    fc.assert(
      fc.property(nearlyFitting(name), (value) => {
        const found = JSON.parse(JSON.stringify(there.shapeIssues(checkOf(name, there), value))) as unknown;
        expect(found).toEqual(shapeIssues(checkOf(name), value));
      }),
      { seed: 20261127, numRuns: 50 },
    );
  });
});
