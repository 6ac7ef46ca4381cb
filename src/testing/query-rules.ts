import type { Issue } from "./issues.js";

/** What the spec allows for a query parameter whose type, bounds or values it restricts. */
export interface QueryRule {
  readonly type: "integer" | "number" | "boolean" | "string";
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
}

/** The largest `pageSize` the reference allows. */
export const MAX_PAGE_SIZE = 200;

/**
 * The query parameters of the spec that are more than free text, by name (the spec defines each once, in
 * `components/parameters`). Written by hand, as the fake loads no schema; `test/testing/spec-drift.test.ts`
 * fails when the spec's parameters say otherwise.
 */
export const QUERY_RULES: Readonly<Record<string, QueryRule>> = {
  deleted: { type: "boolean" },
  extraShort: { type: "string", enum: ["true", "false"] },
  maxUserAccessType: { type: "number" },
  orderFieldSort: { type: "string", enum: ["DESC", "ASC"] },
  page: { type: "integer", minimum: 0 },
  pageSize: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
  tokenIdentifiers: { type: "string", enum: ["iw-external", "iw-mqtt", "iw-internal", "firebase", "lanista"] },
  validSeconds: { type: "number" },
};

/** What is wrong with the query parameters of a request, by `rules` (default `QUERY_RULES`; a name without a rule takes any text). */
export function queryIssues(query: URLSearchParams, rules: Readonly<Record<string, QueryRule>> = QUERY_RULES): Issue[] {
  const issues: Issue[] = [];
  for (const [name, text] of query) {
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (rule === undefined) continue;
    const problem = ruleProblem(rule, text);
    if (problem !== undefined) issues.push({ path: ["query", name], message: `${problem} (got ${JSON.stringify(text)})` });
  }
  return issues;
}

function ruleProblem(rule: QueryRule, text: string): string | undefined {
  if (rule.type === "boolean") return text === "true" || text === "false" ? undefined : "must be boolean (true or false)";
  if (rule.type === "integer" || rule.type === "number") {
    if (rule.type === "integer" ? !/^-?\d+$/.test(text) : !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return `must be ${rule.type}`;
    const value = Number(text);
    if (rule.minimum !== undefined && value < rule.minimum) return `must be >= ${rule.minimum}`;
    if (rule.maximum !== undefined && value > rule.maximum) return `must be <= ${rule.maximum}`;
  }
  if (rule.enum !== undefined && !rule.enum.includes(text)) return `must be one of ${rule.enum.join(", ")}`;
  return undefined;
}
