import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { OPERATIONS } from "../../generated/operations.js";
import type { OperationId } from "../../src/index.js";

/** The bundled spec, parsed once. */
const SPEC = parse(readFileSync(fileURLToPath(new URL("../../generated/openapi.yaml", import.meta.url)), "utf8"));

function deref(node: any): any {
  let current = node;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((at: any, key: string) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], SPEC);
  }
  return current;
}

/** The operation a request is for, by its method and path, with the values of its path parameters. */
export function matchOperation(method: string, pathname: string): { id: OperationId; params: Record<string, string> } | undefined {
  for (const [id, operation] of Object.entries(OPERATIONS)) {
    if (operation.method !== method) continue;
    const names: string[] = [];
    const pattern = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const match = new RegExp(`^${pattern}$`).exec(pathname);
    if (match) return { id: id as OperationId, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? "")])) };
  }
  return undefined;
}

/** The first named example of an operation's 200 `application/json` response, as the spec gives it. */
export function example200(id: OperationId): unknown {
  const { method, path } = OPERATIONS[id];
  const content = deref(deref(SPEC.paths[path])[method.toLowerCase()].responses["200"]).content["application/json"];
  const first = Object.values(content.examples ?? {})[0];
  return structuredClone(first === undefined ? content.example : deref(first).value);
}
