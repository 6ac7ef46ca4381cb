import { OPERATIONS } from "../../generated/operations.js";
import type { OperationId } from "../core/operation-types.js";
import { collectionOf, type CollectionName, type View } from "./collections.js";
import type { ShapeName } from "./shapes.js";

/** What an operation does to its collection, read from its method, path parameters and paging. */
export type Kind = "list" | "get" | "create" | "update" | "delete";

/** How the fake serves one operation of the spec. */
export type Route =
  | { readonly type: "collection"; readonly collection: CollectionName; readonly kind: Kind; readonly view: View; readonly shape: ShapeName }
  | { readonly type: "login" }
  | { readonly type: "api-token" }
  | { readonly type: "unsupported"; readonly reason: string };

/** The resource a path is about: its last segment that is not a parameter, e.g. `chatroom_participant`. */
function resourceOf(path: string): string {
  return path.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).at(-1) ?? "";
}

function kindOf(id: OperationId): Kind | undefined {
  const { method, pathParams, paging } = OPERATIONS[id];
  const single = pathParams.includes("identifier");
  if (method === "GET") return single ? "get" : paging !== null ? "list" : undefined;
  if (method === "PUT" && single) return "update";
  if (method === "DELETE" && single) return "delete";
  if (method === "POST" && !single) return "create";
  return undefined;
}

/**
 * How the fake serves the operation `id`, derived from the operation table: the resource names the
 * collection (or the login, or `create_jwt`, which makes an API key), the method and parameters the kind,
 * `/api/cp/` the customer-portal view. Nothing here names an operation, so an operation the spec adds on a
 * known resource is served as soon as it is generated.
 */
export function routeOf(id: OperationId): Route {
  const { method, path } = OPERATIONS[id];
  const resource = resourceOf(path);
  if (resource === "logins") return { type: "login" };
  if (resource === "create_jwt" && method === "GET") return { type: "api-token" };
  const collection = collectionOf(resource);
  if (collection === undefined) return { type: "unsupported", reason: `the fake tenant keeps no records of ${JSON.stringify(resource)}` };
  const kind = kindOf(id);
  if (kind === undefined) return { type: "unsupported", reason: `the fake tenant cannot tell what ${method} ${path} does` };
  const view: View = path.startsWith("/api/cp/") ? "portal" : kind === "list" ? "list" : "full";
  const shape = collection.views[view];
  if (shape === undefined) return { type: "unsupported", reason: `the fake tenant has no ${view} form of ${collection.entity}` };
  return { type: "collection", collection: resource as CollectionName, kind, view, shape };
}

/** A compiled path template: its operation and the names of its parameters. */
interface Template {
  readonly id: OperationId;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const TEMPLATES: readonly Template[] = Object.entries(OPERATIONS).map(([id, operation]) => {
  const names: string[] = [];
  const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { id: id as OperationId, pattern: new RegExp(`^${source}$`), names };
});

/** Which operation a request is for: found (with its path parameters), a known path with another method, or nothing. */
export type Match =
  | { readonly found: true; readonly id: OperationId; readonly params: Readonly<Record<string, string>> }
  | { readonly found: false; readonly allow: readonly string[] };

/** Matches a method and a path against the spec's path templates (`allow` lists the methods of a known path). */
export function matchRequest(method: string, pathname: string): Match {
  const allow: string[] = [];
  for (const { id, pattern, names } of TEMPLATES) {
    const match = pattern.exec(pathname);
    if (match === null) continue;
    if (OPERATIONS[id].method !== method) {
      allow.push(OPERATIONS[id].method);
      continue;
    }
    const params = Object.fromEntries(names.map((name, i) => [name, safeDecode(match[i + 1] ?? "")]));
    return { found: true, id, params };
  }
  return { found: false, allow };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
