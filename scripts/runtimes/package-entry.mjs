// @ts-check
/** Finds the built package's ESM entry the way an importer would: through `package.json` `exports`. */
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The file `import "iwerp-chat-client"` (or, with `subpath`, e.g. `./testing`, `import "iwerp-chat-client/testing"`)
 * loads, read from `exports[subpath]`: the `import` condition, or
 * `default` inside or instead of it (so `{ import: { types, default } }` works as well as
 * `{ import: "./dist/index.js" }`), in key order as Node.js reads it. Throws with what it found when there is none.
 * @param {string} root the package's folder.
 * @param {string} [subpath] the export's key; default `.`.
 * @returns {Promise<string>} an absolute path.
 */
export async function esmEntry(root, subpath = ".") {
  const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
  const { exports } = manifest;
  const dot = typeof exports === "object" && exports !== null && subpath in exports ? exports[subpath] : subpath === "." ? exports : undefined;
  const target = pickImport(dot);
  if (target === undefined) {
    throw new Error(`package.json exports["${subpath}"] has no "import" (or "default") target: ${JSON.stringify(dot)}`);
  }
  return path.resolve(root, target);
}

/** The conditions Node.js matches for an `import`. */
const IMPORT_CONDITIONS = new Set(["import", "node", "default"]);

/**
 * @param {unknown} target a conditional exports value.
 * @returns {string | undefined}
 */
function pickImport(target) {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) return target.map(pickImport).find((found) => found !== undefined);
  if (target === null || typeof target !== "object") return undefined;
  const conditions = /** @type {Record<string, unknown>} */ (target);
  // As Node.js does: keys in the object's order, the first matching condition that leads to a file wins.
  // `types` is for TypeScript only and `require` is the CommonJS build.
  for (const [key, value] of Object.entries(conditions)) {
    if (!IMPORT_CONDITIONS.has(key)) continue;
    const found = pickImport(value);
    if (found !== undefined) return found;
  }
  return undefined;
}
