#!/usr/bin/env node
// @ts-check
/**
 * The `iwerp-fake-tenant` command: the fake tenant of `iwerp-chat-client/testing` served over HTTP
 * (`serveFakeTenant`) until SIGINT or SIGTERM, for what cannot take its `fetch`: a browser app's end-to-end
 * test, the contract check, a service in another language, `curl`. See `iwerp-fake-tenant --help`.
 * Installed, it runs the package's build (`dist/esm/`); in this repository the sources, bundled on the spot
 * with esbuild, as `iwerp-contract` does.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadParts } from "../scripts/contract-check/package-root.mjs";

const USAGE = `Usage: iwerp-fake-tenant [--port N] [--host H] [--seed FILE.json] [--soft-errors]

Serves a fake iwERP tenant over HTTP until Ctrl-C: the chat API with state in memory (what is added shows in
lists, updates stick, deletes mark records deleted), as createFakeTenant() of iwerp-chat-client/testing does.
It prints its URL and the credentials it accepts, then one line per request: method, path, status (never a
token or a body). Every answer carries CORS headers, so a browser app on another port may call it.

Options:
  --port N          the port to listen on (default 4010; 0 takes a free one)
  --host H          the address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface)
  --seed FILE.json  the records to start with: {"chatrooms": [...], "participants": [...], "messages": [...],
                    "reactions": [...]}, each record as the spec's schema (default: chat room 42 "Support"
                    with participant, message and reaction 42)
  --soft-errors     answer errors as production iwERP does: HTTP 400 with the real code (401, 404, 422, …)
                    in X-IW-ERROR-CODE (default: each error with its own status, and the same headers)
  -h, --help        show this help

Exit status: 0 when stopped by SIGINT or SIGTERM, 1 when it cannot listen (e.g. the port is in use),
2 for wrong usage or a seed it cannot use.
`;

/** The port the command listens on unless `--port` says otherwise. */
const DEFAULT_PORT = 4010;

/** Thrown for a command line (or seed) the command cannot run with; exit status 2. */
class UsageError extends Error {}

/**
 * Parses the arguments.
 * @param {string[]} argv
 * @returns {{ help: boolean, port: number, host: string, seed: string | undefined, softErrors: boolean }}
 */
function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        "soft-errors": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(values.port)}).`);
  if (values.host === "") throw new UsageError("--host must be an address such as 127.0.0.1.");
  return { help: values.help ?? false, port, host: values.host ?? "127.0.0.1", seed: values.seed, softErrors: values["soft-errors"] ?? false };
}

/** What the command takes from the package: the testing entry's server and tenant, and the client's redactor. */
const PARTS = {
  "src/testing/index": ["createFakeTenant", "serveFakeTenant", "FAKE_USER"],
  "src/core/redactor": ["Redactor"],
  "generated/model": ["COLLECTION_ORDER"],
};

/**
 * Checks that a seed file holds an object of the fake's collections. createFakeTenant takes a missing seed (`null`
 * too) for its default one and passes over a key it does not know, so a file of `null`, a list or a misspelt
 * collection (`"chatroms"`) served the default records, or none, without a word.
 * @param {string} file the --seed option's value, for the message.
 * @param {unknown} seed the file's JSON.
 * @param {readonly string[]} collections the keys a seed may have.
 */
function checkSeed(file, seed, collections) {
  if (seed === null || typeof seed !== "object" || Array.isArray(seed)) {
    const got = seed === null ? "null" : Array.isArray(seed) ? "a list" : typeof seed;
    throw new UsageError(`--seed ${file}: must hold a JSON object such as {"chatrooms": [...], "participants": [...]} (got ${got}).`);
  }
  const unknown = Object.keys(seed).filter((key) => !collections.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(`--seed ${file}: ${unknown.map((key) => JSON.stringify(key)).join(", ")} names no collection of the fake tenant; a seed has ${collections.join(", ")}.`);
  }
}

/**
 * The seed in `file`, parsed.
 * @param {string} file
 */
async function readSeed(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`--seed ${file}: cannot read it (${/** @type {NodeJS.ErrnoException} */ (error).code ?? String(error)}).`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--seed ${file}: not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * Runs the command until SIGINT or SIGTERM.
 * @param {string[]} argv
 * @returns {Promise<number | undefined>} the exit status at once (help, wrong usage, cannot listen), or
 *   undefined while it serves (it sets the exit status when a signal stops it).
 */
async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const seed = options.seed === undefined ? undefined : await readSeed(options.seed);
  const { createFakeTenant, serveFakeTenant, FAKE_USER, Redactor, COLLECTION_ORDER } = await loadParts(PARTS);
  if (options.seed !== undefined) checkSeed(options.seed, seed, COLLECTION_ORDER);
  let tenant;
  try {
    tenant = createFakeTenant({ ...(seed === undefined ? {} : { seed }), softErrors: options.softErrors });
  } catch (error) {
    throw new UsageError(`--seed ${options.seed}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const redactor = new Redactor([tenant.sessionToken, tenant.customerSessionToken, tenant.apiKey]);
  /** One request, one line: method, path, status (and the iwERP code of a soft error); the request's own tokens redacted. */
  const logged = {
    /** @type {typeof fetch} */
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      const request = `${init?.method ?? "GET"} ${new URL(input instanceof Request ? input.url : String(input)).pathname}`;
      const line = (/** @type {string} */ outcome) =>
        process.stdout.write(`${redactor.with([headers.get("x-session-token") ?? undefined, headers.get("x-iw-jwt-token") ?? undefined]).text(`${request} ${outcome}`)}\n`);
      try {
        const response = await tenant.fetch(input, init);
        const code = response.headers.get("x-iw-error-code");
        line(code !== null && code !== String(response.status) ? `${response.status} (iwERP code ${code})` : String(response.status));
        return response;
      } catch (error) {
        line("no answer (the client went away)");
        throw error;
      }
    },
  };
  let server;
  try {
    server = await serveFakeTenant(logged, { port: options.port, host: options.host });
  } catch (error) {
    process.stderr.write(`iwerp-fake-tenant: ${error instanceof Error ? error.message : String(error)} (another port: --port N, or --port 0 for a free one)\n`);
    return 1;
  }
  // The request lines are a courtesy: a reader that went away (`| head`, a `| tee` ended by the same Ctrl-C) makes
  // the next write fail with EPIPE, which would end the fake with a stack trace in the middle of a test run.
  process.stdout.on("error", () => {});
  const errors = options.softErrors ? "soft errors: HTTP 400, the real code in X-IW-ERROR-CODE" : "errors with their own status";
  process.stdout.write(
    [
      `iwerp-fake-tenant: a fake iwERP tenant at ${server.url} (${errors})`,
      `  staff session token:    x-session-token: ${tenant.sessionToken}`,
      `  customer session token: x-session-token: ${tenant.customerSessionToken}   (the customer portal, /api/cp/…)`,
      `  API key:                x-iw-jwt-token: ${tenant.apiKey}`,
      `  login:                  ${FAKE_USER.username} / ${FAKE_USER.password}   (POST /api/logins)`,
      `  try:                    curl -H "x-session-token: ${tenant.sessionToken}" "${server.url}/api/chat/chatroom_participant?chatroom=42"`,
      "Ctrl-C stops it. Requests:",
      "",
    ].join("\n"),
  );
  /** @param {NodeJS.Signals} signal */
  const stop = async (signal) => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await server.close();
    process.stdout.write(`iwerp-fake-tenant: ${signal}: stopped\n`);
    // Nothing is left open, so the process ends by itself.
    process.exitCode = 0;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`iwerp-fake-tenant: ${error.message.replace(/\s*\n\s*/g, " ").replace(/\.$/, "")}; see iwerp-fake-tenant --help\n`);
  process.exitCode = 2;
}
