import path from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import { consumerProgram } from "../support/consumer-program.js";

/**
 * The `fetch` option where the runtime's `typeof fetch` is more than a call signature: Bun's types (@types/bun,
 * bun-types/globals.d.ts) merge a namespace into the global `fetch` with `fetch.preconnect`. A consumer compiled with
 * the TypeScript compiler API against that declaration (the one line below, as Bun writes it; @types/bun itself is no
 * dependency of this repository) must be able to pass a wrapper of `fetch`, which has no `preconnect`.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONSUMER = path.join(ROOT, "test", "types", "fetch-option.consumer.ts");
const BUN_FETCH = path.join(ROOT, "test", "types", "fetch-option.bun-fetch.d.ts");

const FILES = new Map([
  [BUN_FETCH, "declare namespace fetch {\n  function preconnect(url: string | URL, options?: { dns?: boolean; tcp?: boolean; http?: boolean; https?: boolean }): void;\n}\n"],
  [
    CONSUMER,
    `
import { createChatClient, createConnection, login } from "../../src/index.js";

const host = "acme.iw-erp.de";
const sessionToken = "a-session-token";
const logged = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  console.log(String(input));
  return fetch(input, init);
};

export const clients = [
  createChatClient({ host, sessionToken, fetch: (input, init) => fetch(input, init) }),
  createChatClient({ host, sessionToken, fetch: logged }),
  createChatClient({ host, sessionToken, fetch: globalThis.fetch }),
];
export const connection = createConnection({ host, sessionToken, fetch: logged });
export const loggedIn = login({ host, username: "ada", password: "pw", fetch: logged });
`,
  ],
]);

/** The errors of the consumer's in-memory files, compiled with `declarations` in the program too. */
function consumerErrors(declarations: string[]): string[] {
  const program = consumerProgram(FILES, [CONSUMER, ...declarations]);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && FILES.has(path.resolve(d.file.fileName)))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("where the runtime's fetch has a property of its own (Bun's fetch.preconnect), a wrapper of fetch is a fetch option", () => {
  expect(consumerErrors([BUN_FETCH])).toEqual([]);
}, 120_000);
