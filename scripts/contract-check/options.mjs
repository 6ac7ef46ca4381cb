// @ts-check
/** The command line of `iwerp-contract`: its help text, and its arguments parsed and checked. */
import path from "node:path";
import { parseArgs } from "node:util";

/** The help text (`iwerp-contract --help`). */
export const USAGE = `Usage: iwerp-contract [options]        (in this repository: npm run contract -- [options])

Checks that the client, the spec and an iwERP tenant agree: lints the spec, checks generated/ is current,
type-checks the client, then runs the contract suite through the typed client, against the embedded
Prism mock (no network) or, with --upstream, through Prism's validating proxy in front of a real tenant.

Options:
  --upstream URL     run the suite through \`prism proxy … --errors\` to this server, e.g. https://acme.iw-erp.de
                     (the session token is read from IWERP_SESSION_TOKEN and never printed)
  --allow-writes     with --upstream: also run the tests that create records (needs --chatroom-id)
  --chatroom-id ID   the chat room those tests add participants to
  --junit FILE       also write a JUnit XML report to FILE
  --dynamic-seed N   mock only: Prism generates responses from the schemas (-d) with this seed
  --skip STEPS       skip some of lint,drift,typecheck (e.g. when \`npm run check\` ran them already)
  -h, --help         show this help

Exit status: 0 every check passed, 1 a check failed, 2 wrong usage.
`;

/** The static checks that `--skip` may name, in the order they run. */
export const STATIC_STEPS = /** @type {const} */ (["lint", "drift", "typecheck"]);

/** Thrown for a command line that cannot run; the message says what to change. */
export class UsageError extends Error {
  /** @override */
  name = "UsageError";
}

/**
 * @typedef {{
 *   help: boolean,
 *   upstream: string | undefined,
 *   allowWrites: boolean,
 *   chatroomId: number | undefined,
 *   junit: string | undefined,
 *   dynamicSeed: string | undefined,
 *   skip: Set<string>,
 * }} ContractCheckOptions
 */

/**
 * True for `localhost`, 127.0.0.0/8 and `::1`.
 * @param {string} hostname
 */
function isLoopback(hostname) {
  const name = hostname.replace(/^\[|\]$/g, "");
  return name === "localhost" || /^127(?:\.\d{1,3}){3}$/.test(name) || name === "::1";
}

/**
 * Checks the upstream URL: https (plain http only to this machine, since the token travels with it), no
 * credentials, no query.
 * @param {string} value
 */
function checkUpstream(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--upstream must be a URL such as https://acme.iw-erp.de (got ${JSON.stringify(value)}).`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new UsageError("--upstream must use https:// (plain http:// only to 127.0.0.1 or localhost): the session token travels with every request.");
  }
  if (url.username || url.password) throw new UsageError("--upstream must not contain credentials; the token comes from IWERP_SESSION_TOKEN.");
  if (url.search || url.hash) throw new UsageError("--upstream must not contain a query or fragment.");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * Parses and checks the arguments.
 * @param {string[]} argv the arguments after the command name.
 * @param {NodeJS.ProcessEnv} env where the token is looked for.
 * @returns {ContractCheckOptions}
 * @throws {UsageError}
 */
export function parseOptions(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        upstream: { type: "string" },
        "allow-writes": { type: "boolean" },
        "chatroom-id": { type: "string" },
        junit: { type: "string" },
        "dynamic-seed": { type: "string" },
        skip: { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const skip = new Set((values.skip ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  if (values.help) return { help: true, upstream: undefined, allowWrites: false, chatroomId: undefined, junit: undefined, dynamicSeed: undefined, skip };
  const unknown = [...skip].filter((step) => !STATIC_STEPS.includes(/** @type {any} */ (step)));
  if (unknown.length > 0) throw new UsageError(`--skip takes ${STATIC_STEPS.join(", ")} (got ${unknown.join(", ")}).`);

  const upstream = values.upstream === undefined ? undefined : checkUpstream(values.upstream);
  const allowWrites = values["allow-writes"] === true;
  const rawChatroom = values["chatroom-id"];
  if (rawChatroom !== undefined && !/^[1-9]\d{0,15}$/.test(rawChatroom)) {
    throw new UsageError(`--chatroom-id must be the positive whole-number id of a chat room (got ${JSON.stringify(rawChatroom)}).`);
  }
  if (allowWrites && !upstream) throw new UsageError("--allow-writes applies to --upstream only; against the embedded mock the write tests always run.");
  if (allowWrites && rawChatroom === undefined) throw new UsageError("--allow-writes needs --chatroom-id: the chat room the tests may add participants to.");
  if (rawChatroom !== undefined && !allowWrites) throw new UsageError("--chatroom-id is used only with --allow-writes.");
  if (upstream && !env.IWERP_SESSION_TOKEN?.trim()) {
    throw new UsageError("--upstream needs a session token for the tenant in the environment variable IWERP_SESSION_TOKEN.");
  }
  if (upstream && values["dynamic-seed"] !== undefined) throw new UsageError("--dynamic-seed applies to the embedded mock only, not to --upstream.");
  return {
    help: false,
    upstream,
    allowWrites,
    chatroomId: rawChatroom === undefined ? undefined : Number(rawChatroom),
    junit: values.junit === undefined ? undefined : path.resolve(values.junit),
    dynamicSeed: values["dynamic-seed"],
    skip,
  };
}
