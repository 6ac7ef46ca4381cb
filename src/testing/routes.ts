import { ROUTES, type RouteModel } from "../../generated/model.js";
import type { OperationId } from "../core/operation-types.js";
import type { CollectionName } from "./collections.js";
import { isShapeName, OPERATION_IDS, operationFacts, type ShapeName } from "./operation-table.js";

/** What an operation does to its collection. */
export type Kind = "list" | "get" | "create" | "update" | "delete";

/** How the fake serves one operation of the spec. */
export type Route =
  | {
      readonly type: "collection";
      readonly collection: CollectionName;
      readonly kind: Kind;
      /** The schema it answers in (a list: of each item). */
      readonly shape: ShapeName;
      /** Path parameters that name the record a new one belongs to, and the field that holds it. */
      readonly parents: RouteModel["parents"];
      /** The query parameters a list filters by. */
      readonly filters: readonly string[];
    }
  | { readonly type: "login" }
  | { readonly type: "api-token" }
  | { readonly type: "unsupported"; readonly reason: string };

/**
 * How the fake serves the operation `id`, as the model generated from the spec says (`generated/model.js`:
 * its kind from `x-iwerp-kind` or its method, `identifier` and paging; its collection from the schema with
 * `x-iwerp-collection` its path's operations answer with). Nothing here names an operation or a collection.
 */
export function routeOf(id: OperationId): Route {
  const { kind, collection, shape, parents, filters } = ROUTES[id];
  const { method, path } = operationFacts(id);
  if (kind === "login") return { type: "login" };
  if (kind === "api-token") return { type: "api-token" };
  if (kind === "other") return { type: "unsupported", reason: `the fake tenant cannot tell what ${method} ${path} does (give the operation an x-iwerp-kind)` };
  if (collection === null) {
    return { type: "unsupported", reason: `the fake tenant keeps no records of ${path}: no schema its operations answer with has x-iwerp-collection` };
  }
  if (!isShapeName(shape)) return { type: "unsupported", reason: `the fake tenant cannot render ${method} ${path}: its 200 body names no schema` };
  return { type: "collection", collection, kind, shape, parents, filters };
}

/** Who may call the operation `id`: staff (a staff session or API key), a customer (`x-iwerp-audience: customer`), or anyone. */
export function audienceOf(id: OperationId): RouteModel["audience"] {
  return ROUTES[id].audience;
}

/** The query parameters of `id` that the spec restricts (type, bounds, values), by name. */
export function queryRulesOf(id: OperationId): RouteModel["query"] {
  return ROUTES[id].query;
}

/** A compiled path template: its operation and the names of its parameters. */
interface Template {
  readonly id: OperationId;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const TEMPLATES: readonly Template[] = OPERATION_IDS.map((id) => {
  const names: string[] = [];
  const source = operationFacts(id)
    .path.replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
  return { id, pattern: new RegExp(`^${source}$`), names };
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
    if (operationFacts(id).method !== method) {
      allow.push(operationFacts(id).method);
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
