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
 * @param dateTime the test of a `date-time` string.
 * @param make how source becomes a function (`Function`; a test passes one that throws).
 */
export function compileShape(shape: Shape, schemas: { readonly [name: string]: Shape }, dateTime: RegExp, make: FunctionMaker = Function as unknown as FunctionMaker): FastCheck | undefined {
  const functions: string[] = [];
  const named = new Map<string, string>();
  /** A new function `f<n>(v)` returning `body`'s verdict; its name. */
  const define = (body: (name: string) => string): string => {
    const name = `f${functions.length}`;
    functions.push("");
    functions[Number(name.slice(1))] = `function ${name}(v){${body(name)}}`;
    return name;
  };
  /** A boolean expression: whether `value` (an expression read once per use) matches `part`. */
  const test = (part: Shape, value: string): string => {
    if (typeof part === "string") {
      if (part.startsWith("#")) {
        const target = schemas[part.slice(1)];
        if (target === undefined) return "false";
        let name = named.get(part);
        if (name === undefined) {
          name = `f${functions.length}`;
          named.set(part, name);
          // Registered before its body is made, so a schema that refers to itself compiles.
          functions.push("");
          const body = test(target, "v");
          functions[Number(name.slice(1))] = `function ${name}(v){return ${body}}`;
        }
        return `${name}(${value})`;
      }
      const types: Record<string, string> = {
        any: "true",
        string: `typeof ${value}==="string"`,
        boolean: `typeof ${value}==="boolean"`,
        integer: `Number.isInteger(${value})`,
        number: `(typeof ${value}==="number"&&Number.isFinite(${value}))`,
        "date-time": `(typeof ${value}==="string"&&D.test(${value}))`,
        object: `(${value}!==null&&typeof ${value}==="object"&&!Array.isArray(${value}))`,
      };
      return types[part] ?? "false";
    }
    if (Array.isArray(part)) {
      const item = (part as readonly Shape[])[0] ?? "any";
      return `${define(() => `if(!Array.isArray(v))return false;for(let i=0;i<v.length;i++){const x=v[i];if(!(${test(item, "x")}))return false}return true`)}(${value})`;
    }
    const checks = Object.entries(part as { readonly [name: string]: Shape }).map(([key, property]) => {
      const literal = JSON.stringify(key);
      // A name objects inherit (`constructor`, `__proto__`) counts only as the body's own.
      const read = key in Object.prototype ? `H(v,${literal})?v[${literal}]:undefined` : `v[${literal}]`;
      return `x=${read};if(x!==undefined&&!(${test(property, "x")}))return false;`;
    });
    return `${define(() => `if(v===null||typeof v!=="object"||Array.isArray(v))return false;let x;${checks.join("")}return true`)}(${value})`;
  };
  try {
    const top = test(shape, "v");
    const check = make("D", "H", `${functions.join("\n")}\nreturn function(v){try{return ${top}}catch{return false}}`)(dateTime, Object.hasOwn);
    return check as FastCheck;
  } catch {
    return undefined;
  }
}
