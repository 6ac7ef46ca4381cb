import type { Shape } from "../../generated/operations.js";

/** Answers only whether a value matches its shape: no issues, no paths. */
export type FastCheck = (value: unknown) => boolean;

/** Builds a function from source text, as `Function` does; throws where the runtime forbids it. */
export type FunctionMaker = (...argsAndBody: string[]) => (...args: unknown[]) => unknown;

/**
 * Compiles `shape` to JavaScript run through `new Function`, as Ajv and Zod do: a schema becomes one function
 * whose property reads the engine can cache, so a 2xx body that matches (nearly all do) is checked at the speed
 * of hand-written code. Returns `undefined` where code cannot be made from text (a Content-Security-Policy
 * without `'unsafe-eval'`, Cloudflare Workers); the caller then walks the shape itself. Names in the source are
 * JSON string literals, never code. A body nested deep enough to overflow the stack answers `false`.
 *
 * @param types each type's test, called from the compiled code.
 * @param make how source becomes a function (`Function`; a test passes one that throws).
 */
export function compileShape(
  shape: Shape,
  schemas: { readonly [name: string]: Shape },
  types: { readonly [type: string]: (value: unknown) => boolean },
  make: FunctionMaker = Function as unknown as FunctionMaker,
): FastCheck | undefined {
  const functions: string[] = [];
  const named = new Map<Shape, string>();
  /** Adds `function f<n>(v){…}` and returns its name; a named schema's name is known before its body is made, so it may refer to itself. */
  const define = (body: () => string, schema?: Shape): string => {
    const index = functions.push("") - 1;
    if (schema !== undefined) named.set(schema, `f${index}`);
    functions[index] = `function f${index}(v){${body()}}`;
    return `f${index}`;
  };
  /** A boolean expression: whether the value in the variable `x` matches `part`. */
  const test = (part: Shape, x: string): string => {
    if (typeof part === "string") {
      if (!part.startsWith("#")) return Object.hasOwn(types, part) ? `T[${JSON.stringify(part)}](${x})` : "0";
      const target = schemas[part.slice(1)];
      return target === undefined ? "0" : `${named.get(part) ?? define(() => `return ${test(target, "v")}`, part)}(${x})`;
    }
    if (Array.isArray(part)) {
      const item = (part as readonly Shape[])[0] ?? "any";
      return `${define(() => `if(!Array.isArray(v))return!1;for(const x of v)if(!${test(item, "x")})return!1;return!0`)}(${x})`;
    }
    const checks = Object.entries(part as { readonly [name: string]: Shape }).map(([key, property]) => {
      const name = JSON.stringify(key);
      // A name objects inherit (`constructor`, `__proto__`) counts only as the body's own.
      return `x=${key in Object.prototype ? `H(v,${name})?v[${name}]:void 0` : `v[${name}]`};if(x!==void 0&&!${test(property, "x")})return!1;`;
    });
    return `${define(() => `if(!T.object(v))return!1;let x;${checks.join("")}return!0`)}(${x})`;
  };
  try {
    const top = test(shape, "v");
    return make("T", "H", `${functions.join(";")};return v=>{try{return ${top}}catch{return!1}}`)(types, Object.hasOwn) as FastCheck;
  } catch {
    return undefined;
  }
}
