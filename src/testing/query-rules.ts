import type { QueryRule } from "../../generated/model.js";
import type { Issue } from "./issues.js";

export type { QueryRule };

/**
 * What is wrong with the query parameters of a request, by the `rules` of its operation (the model generated
 * from the spec's parameters: type, bounds, values); a name without a rule takes any text.
 */
export function queryIssues(query: URLSearchParams, rules: Readonly<Record<string, QueryRule>>): Issue[] {
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
