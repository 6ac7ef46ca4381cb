import { execFileSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderGenerated } from "../../scripts/generate.mjs";
import { findDrift } from "../../scripts/lib/drift.mjs";

/*
 * generated/ must be byte for byte what `npm run generate` writes, or the drift check fails. Git for Windows sets
 * core.autocrlf=true, which checks text files out with CRLF unless .gitattributes says otherwise.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "iwerp-line-endings-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("line endings of a checkout", () => {
  test("a checkout with core.autocrlf=true (Git for Windows' default) passes the drift check", async () => {
    const repo = path.join(work, "repo");
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "core.autocrlf=false", ...args], { cwd });
    // The repository's .gitattributes and generated/, committed as they are here.
    await cp(path.join(ROOT, "generated"), path.join(repo, "generated"), { recursive: true });
    if (existsSync(path.join(ROOT, ".gitattributes"))) await cp(path.join(ROOT, ".gitattributes"), path.join(repo, ".gitattributes"));
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "generated");
    execFileSync("git", ["clone", "-q", "-c", "core.autocrlf=true", repo, "checkout"], { cwd: work });

    const findings = await findDrift({ generatedDir: path.join(work, "checkout", "generated"), fresh: await renderGenerated() });

    expect(findings).toEqual([]);
  });
});
