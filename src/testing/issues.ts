/** One thing wrong with a request or a record: where (e.g. `["body", "data", "id"]`) and what. */
export interface Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** An issue as one line, e.g. `data.id: must be integer` (the `body` root is left out of a path inside the body). */
export function describeIssue({ path, message }: Issue): string {
  const where = (path[0] === "body" && path.length > 1 ? path.slice(1) : path).join(".");
  return where === "" ? message : `${where}: ${message}`;
}

/** The failures of a generated validator as issues under `prefix`, e.g. `/chatroom/id` → `[...prefix, "chatroom", "id"]`. */
export function issuesFromSchemaErrors(
  errors: ReadonlyArray<{ instancePath: string; message?: string }> | null | undefined,
  prefix: readonly (string | number)[],
): Issue[] {
  return (errors ?? []).map(({ instancePath, message }) => ({
    path: [...prefix, ...instancePath.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))],
    message: message ?? "is invalid",
  }));
}
