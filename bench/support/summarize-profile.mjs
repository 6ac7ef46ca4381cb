// @ts-check
/**
 * Where a `.cpuprofile` spends its time: per function its self time (the samples it was running) and its
 * inclusive time (the samples it was on the stack for), as shares of all samples. Samples are counted,
 * not weighed by the time between them: on a loaded machine that time includes the moments the process
 * was not running at all.
 * Functions of the client bundle are named by their source file and line through the bundle's source map.
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {{ functionName: string, url: string, lineNumber: number, columnNumber: number }} callFrame
 * @property {number[]} [children]
 * @property {Array<{ line: number, ticks: number }>} [positionTicks] the samples per (1-based) line while the node was running.
 */

/**
 * One function's share.
 * @typedef {object} FunctionTime
 * @property {string} name e.g. `execute (src/core/execute.ts:64)`
 * @property {string} where which code it is: `client`, `openapi-fetch`, `undici`, `node`, `V8` …
 * @property {number} self share of the samples it was running in.
 * @property {number} total share of the samples it was on the stack in.
 * @property {number} own its self share plus that of the runtime code (undici, Node.js, built-ins) it
 * calls: the time of the samples whose innermost frame of our code (client, validators, openapi-fetch) it is.
 */

/** The code that `own` is counted for. */
const OURS = new Set(["client", "generated validators", "openapi-fetch"]);

/**
 * @param {string} file the `.cpuprofile`.
 * @param {string} bundle the client bundle, whose source map names the client's functions.
 * @param {string} root paths in names are relative to it.
 * @returns {{ functions: FunctionTime[], runtimeOnly: number, lines: Array<{ line: string, self: number }> }}
 * `runtimeOnly`: the share of the samples with no frame of our code on the stack (a stream or a promise of the
 * runtime resumed, the garbage collector); `lines`: the client's source lines by their share of self samples
 * (code V8 inlined into a function may count on the line that calls it).
 */
export function summarizeProfile(file, bundle, root) {
  const profile = /** @type {{ nodes: ProfileNode[], samples: number[] }} */ (JSON.parse(readFileSync(file, "utf8")));
  const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, "utf8")));
  const bundleUrl = new URL(`file://${bundle}`).href;
  /** @type {Map<number, ProfileNode>} */
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  /** @type {Map<number, { name: string, where: string }>} */
  const names = new Map();
  const nameOf = (/** @type {ProfileNode} */ node) => {
    let named = names.get(node.id);
    if (!named) {
      named = describe(node.callFrame, bundleUrl, map, root);
      names.set(node.id, named);
    }
    return named;
  };
  /** @type {Map<string, FunctionTime>} */
  const functions = new Map();
  const duration = 1 / profile.samples.length;
  let runtimeOnly = 0;
  for (const sample of profile.samples) {
    /** @type {Set<string>} */
    const seen = new Set();
    let owned = false;
    for (let id = /** @type {number | undefined} */ (sample); id !== undefined; id = parents.get(id)) {
      const node = /** @type {ProfileNode} */ (nodes.get(id));
      const { name, where } = nameOf(node);
      if (name === "(root)") continue;
      let entry = functions.get(name);
      if (!entry) {
        entry = { name, where, self: 0, total: 0, own: 0 };
        functions.set(name, entry);
      }
      if (id === sample) entry.self += duration;
      if (!seen.has(name)) entry.total += duration;
      seen.add(name);
      if (!owned && OURS.has(where)) {
        entry.own += duration;
        owned = true;
      }
    }
    if (!owned) runtimeOnly += duration;
  }
  return { functions: [...functions.values()], runtimeOnly, lines: hotLines(profile.nodes, bundle, bundleUrl, map, root, duration) };
}

/**
 * The self samples of the bundle's functions per source line, as shares.
 * @param {ProfileNode[]} nodes
 * @param {string} bundle
 * @param {string} bundleUrl
 * @param {SourceMap} map
 * @param {string} root
 * @param {number} perSample
 */
function hotLines(nodes, bundle, bundleUrl, map, root, perSample) {
  const text = readFileSync(bundle, "utf8").split("\n");
  /** @type {Map<string, number>} */
  const lines = new Map();
  for (const node of nodes) {
    if (node.callFrame.url !== bundleUrl) continue;
    for (const { line, ticks } of node.positionTicks ?? []) {
      const column = /** @type {string} */ (text[line - 1] ?? "").search(/\S/);
      const entry = /** @type {Partial<import("node:module").SourceMapping>} */ (map.findEntry(line - 1, Math.max(0, column)));
      if (!entry.originalSource) continue;
      const key = `${relativeSource(entry.originalSource, bundleUrl, root)}:${(entry.originalLine ?? 0) + 1}`;
      lines.set(key, (lines.get(key) ?? 0) + ticks * perSample);
    }
  }
  return [...lines].map(([line, self]) => ({ line, self })).sort((a, b) => b.self - a.self);
}

/**
 * A source map's source as a path relative to `root`.
 * @param {string} source
 * @param {string} bundleUrl
 * @param {string} root
 */
function relativeSource(source, bundleUrl, root) {
  return path.relative(root, source.startsWith("file:") ? fileURLToPath(source) : path.resolve(path.dirname(fileURLToPath(bundleUrl)), source));
}

/**
 * A function's name, with the source file and line for the client's, and which code it belongs to.
 * @param {ProfileNode["callFrame"]} frame
 * @param {string} bundleUrl
 * @param {SourceMap} map
 * @param {string} root
 */
function describe(frame, bundleUrl, map, root) {
  const fn = frame.functionName || "(anonymous)";
  if (frame.url === "") return { name: fn, where: fn.startsWith("(") ? "V8" : "built-in" };
  if (frame.url === bundleUrl) {
    const entry = /** @type {Partial<import("node:module").SourceMapping>} */ (map.findEntry(frame.lineNumber, frame.columnNumber));
    if (entry.originalSource) {
      const source = relativeSource(entry.originalSource, bundleUrl, root);
      const where = source.startsWith("generated") ? "generated validators" : "client";
      return { name: `${fn} (${source}:${(entry.originalLine ?? 0) + 1})`, where };
    }
  }
  if (frame.url.includes("/openapi-fetch/")) return { name: `${fn} (openapi-fetch:${frame.lineNumber + 1})`, where: "openapi-fetch" };
  if (frame.url.includes("/bench/")) return { name: `${fn} (${path.relative(root, fileURLToPath(frame.url))}:${frame.lineNumber + 1})`, where: "benchmark" };
  if (frame.url.includes("deps/undici")) return { name: `${fn} (undici:${frame.lineNumber + 1})`, where: "undici" };
  return { name: `${fn} (${frame.url.replace(/^node:internal\//, "")}:${frame.lineNumber + 1})`, where: "node" };
}
