// @ts-check
/** The command line of `iwerp-contract`: its help text, and its arguments parsed and checked. */
import { statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

/** The help text (`iwerp-contract --help`). */
export const USAGE = `Usage: iwerp-contract [options]        (in this repository also: npm run contract -- [options])

Checks that an iwERP tenant answers as the spec says. With --upstream it calls the tenant through Prism's
validating proxy (prism proxy <spec> <tenant> --errors) with the typed client: every list (a small page),
then every single-record read with ids from those lists. With --allow-writes it also creates records in
one chat room, updates them, reads the new values back and deletes them again, even when a check failed
or the run is interrupted. In this repository it first lints the spec, checks that generated/ is current
and type-checks the client; without --upstream it runs the contract suite against the embedded Prism mock.

Options:
  --upstream URL     the tenant, e.g. https://acme.iw-erp.de. Its credential is read from the
                     environment: an API key from IWERP_API_KEY (the way for a scheduled check: a
                     session expires), or a session token from IWERP_SESSION_TOKEN, not both; a
                     customer's session token, for the customer-portal operations, from
                     IWERP_CUSTOMER_SESSION_TOKEN (optional). None is ever printed.
  --chatroom-id ID   with --upstream: a chat room to read, and where --allow-writes creates its records
  --allow-writes     with --upstream: also check the writes, on records the run creates and deletes
                     (needs --chatroom-id; without it no POST, PUT or DELETE is sent)
  --junit FILE       also write a JUnit XML report to FILE (one test suite per operation)
  --log-dir DIR      keep Prism's log and the exchanges in DIR (default: a temporary folder, kept and
                     named in the report only when the check fails)
  --max-response-bytes N
                     with --upstream: the largest answer the check reads from the tenant, in bytes after
                     decompression (default 10485760, 10 MiB, the client's maxResponseBytes); a larger one
                     fails its operation and is read no further
  --dynamic-seed N   without --upstream: the seed of the responses the mock generates from the schemas (default 4242)
  --skip STEPS       skip some of lint,drift,typecheck (e.g. when \`npm run check\` ran them already);
                     an installed command does not run them at all (they need this repository)
  -h, --help         show this help

The tenant's redirects are never followed (the token goes to --upstream only): a 3xx fails its operation,
with its status and Location. Every output (report, JUnit, logs) is redacted of the key and the tokens, in
any encoding.

Exit status:
  0        every check passed
  1        the contract failed: a check failed or a record is left behind
  2        wrong usage (the line before says what to change)
  3        the installation is incomplete: Prism is not installed beside the package (npm install
           --no-save @stoplight/prism-cli@5), or the client package does not load
  4        a server of the check could not start: Prism's proxy or the recording hop (e.g. no free
           port on 127.0.0.1, Prism exits at start)
  5        a file or folder the run writes cannot be created or written (--junit FILE, --log-dir DIR,
           the temporary log folder)
  130, 143 interrupted by SIGINT or SIGTERM (after waiting for the writes in flight, up to 30 s, and
           deleting what the run created; a second signal stops at once and lists what may be left)
`;

/** The exit status of each outcome (see the help text): setup problems have codes apart from a failed contract's. */
export const EXIT = Object.freeze({ passed: 0, failed: 1, usage: 2, notInstalled: 3, cannotStart: 4, cannotWrite: 5 });

/** The fewest characters of a credential the client accepts (its `MIN_SECRET_LENGTH`): a shorter one is a usage error here. */
const MIN_CREDENTIAL_LENGTH = 8;

/** The static checks that `--skip` may name, in the order they run. */
const STATIC_STEPS = /** @type {const} */ (["lint", "drift", "typecheck"]);

/** Thrown for a command line that cannot run; the message says what to change. */
export class UsageError extends Error {
  /** @override */
  name = "UsageError";
}

/**
 * Thrown when the run cannot be set up (Prism missing, a server that does not start, a file that cannot be written):
 * the command prints the message and exits with `exitCode`, not 1, which means the contract failed.
 */
export class SetupError extends Error {
  /** @override */
  name = "SetupError";

  /**
   * @param {string} message what went wrong and what to do.
   * @param {number} exitCode one of `EXIT`'s setup codes.
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, exitCode, options) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** @typedef {ReturnType<typeof parseOptions>} ContractCheckOptions */

/** The environment variables the credentials are read from, the only place the command takes them from. */
const CREDENTIAL_NAMES = ["IWERP_API_KEY", "IWERP_SESSION_TOKEN", "IWERP_CUSTOMER_SESSION_TOKEN"];
/** The same, for a message. */
const CREDENTIAL_VARIABLES = `${CREDENTIAL_NAMES.slice(0, -1).join(", ")} or ${CREDENTIAL_NAMES.at(-1)}`;

/**
 * What is wrong with a command line `parseArgs` refused. A stray argument is not repeated: it is most often a
 * credential given where a value of an option was meant (`iwerp-contract --upstream URL $IWERP_API_KEY`), and the
 * message goes to a CI log. An unknown option named like a credential says where the credential goes instead.
 * @param {unknown} error what `parseArgs` threw.
 * @returns {string}
 */
function argsProblem(error) {
  const message = error instanceof Error ? error.message : String(error);
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `Unexpected argument, which belongs to no option (not repeated here: it may be a credential, which is read from ${CREDENTIAL_VARIABLES} only); the command takes options only: put each value right after its option, e.g. --upstream https://acme.iw-erp.de.`;
  }
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && /^Unknown option '-{1,2}[\w-]*(?:key|token|jwt|password|secret)/i.test(message)) {
    return `${message}: a credential is read from ${CREDENTIAL_VARIABLES} only, never from the command line, where every user of this machine can read it (ps).`;
  }
  return message;
}

/** @param {string} file @returns {boolean} whether `file` is an existing folder (a path that cannot be read is left to the run, which says why). */
function isFolder(file) {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks the value of `--junit` or `--log-dir`: an empty one (an unset variable in a pipeline) would be the working
 * directory, and a `--junit` that names a folder could not be written after the whole run; both are usage errors.
 * @param {"junit" | "log-dir"} option
 * @param {string | undefined} value
 * @returns {string | undefined} the absolute path.
 */
function checkPath(option, value) {
  if (value === undefined) return undefined;
  const example = option === "junit" ? "reports/contract.xml" : "reports/contract-logs";
  if (value.trim() === "") throw new UsageError(`--${option} needs a ${option === "junit" ? "file" : "folder"} name, e.g. --${option} ${example} (got an empty one).`);
  const resolved = path.resolve(value);
  if (option === "junit" && (/[\\/]$/.test(value) || isFolder(resolved))) {
    throw new UsageError(`--junit takes the report's file name, not a folder: e.g. --junit ${path.join(value, "contract.xml")} (got ${JSON.stringify(value)}).`);
  }
  return resolved;
}

/** The largest `--max-response-bytes`: the hop holds an answer in memory before it passes it on. */
const MAX_RESPONSE_BYTES_LIMIT = 2 ** 30;

/** @param {string} hostname @returns {boolean} true for `localhost`, 127.0.0.0/8 and `::1`. */
function isLoopback(hostname) {
  const name = hostname.replace(/^\[|\]$/g, "");
  return name === "localhost" || /^127(?:\.\d{1,3}){3}$/.test(name) || name === "::1";
}

/**
 * Checks the upstream URL: https (plain http only to this machine, since the token travels with it), no
 * credentials, no query; returns it without a trailing slash.
 * @param {string} value
 */
function checkUpstream(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--upstream must be a URL such as https://acme.iw-erp.de (got ${JSON.stringify(value)}).`);
  }
  // A host and port without a scheme parse as a URL of the scheme "localhost:" or "acme.iw-erp.de:": that is a
  // missing scheme, not plain http to another host.
  if (!/^https?:$/.test(url.protocol) && url.host === "") {
    throw new UsageError(`--upstream must be a URL with its scheme, such as https://acme.iw-erp.de or http://localhost:4010 (got ${JSON.stringify(value)}).`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new UsageError("--upstream must use https:// (plain http:// only to 127.0.0.1 or localhost): the credential travels with every request.");
  }
  if (url.username || url.password) throw new UsageError("--upstream must not contain credentials; they come from IWERP_API_KEY or IWERP_SESSION_TOKEN.");
  if (url.search || url.hash) throw new UsageError("--upstream must not contain a query or fragment.");
  // The spec's paths begin with /api/ (its server is the bare tenant): an upstream ending in the API's own path would
  // send /api/api/…, and every list would fail with a 404 the report shows under the right path.
  const api = /\/api(?:\/|$)/i.exec(url.pathname);
  if (api) {
    throw new UsageError(`--upstream is the tenant's address without the API's path, which the spec's paths begin with (/api/…): e.g. ${url.origin}${url.pathname.slice(0, api.index)} (got ${url.origin}${url.pathname}).`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * Parses and checks the arguments.
 * @param {string[]} argv the arguments after the command name.
 * @param {NodeJS.ProcessEnv} env where the credentials are looked for (`IWERP_API_KEY`, `IWERP_SESSION_TOKEN`).
 * @param {{ repository?: boolean }} [where] whether the command runs in this repository (default true); installed,
 *   it checks a tenant only.
 * @throws {UsageError}
 */
export function parseOptions(argv, env, { repository = true } = {}) {
  // A credential on the command line (`--upstream $IWERP_API_KEY`, `--token=…`) is readable by every user of the
  // machine (ps), and a usage error would repeat it: refused first, naming the variable, never the value.
  for (const name of CREDENTIAL_NAMES) {
    const value = env[name]?.trim() ?? "";
    if (value.length >= MIN_CREDENTIAL_LENGTH && argv.some((arg) => arg.includes(value))) {
      throw new UsageError(`an argument holds the value of ${name}: a credential is read from the environment only, never from the command line, where every user of this machine can read it (ps); remove it there.`);
    }
  }
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
        "log-dir": { type: "string" },
        "max-response-bytes": { type: "string" },
        "dynamic-seed": { type: "string" },
        skip: { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(argsProblem(error));
  }
  const skip = new Set((values.skip ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  const none = { upstream: undefined, allowWrites: false, chatroomId: undefined, junit: undefined, logDir: undefined, maxResponseBytes: undefined, dynamicSeed: undefined, skip };
  if (values.help) return { help: true, ...none };
  const unknown = [...skip].filter((step) => !STATIC_STEPS.includes(/** @type {any} */ (step)));
  if (unknown.length > 0) throw new UsageError(`--skip takes ${STATIC_STEPS.join(", ")} (got ${unknown.join(", ")}).`);

  const upstream = values.upstream === undefined ? undefined : checkUpstream(values.upstream);
  const allowWrites = values["allow-writes"] === true;
  const rawChatroom = values["chatroom-id"];
  // Up to Number.MAX_SAFE_INTEGER: a larger id is rounded by Number() (9007199254740993 to …992), so the check would
  // read, and write in, another chat room than the one given.
  if (rawChatroom !== undefined && !(/^[1-9]\d{0,15}$/.test(rawChatroom) && Number.isSafeInteger(Number(rawChatroom)))) {
    throw new UsageError(`--chatroom-id must be the positive whole-number id of a chat room, at most ${Number.MAX_SAFE_INTEGER} (got ${JSON.stringify(rawChatroom)}).`);
  }
  if (!upstream && !repository) {
    throw new UsageError("--upstream URL is needed: the installed command checks a tenant; the mock contract suite runs in the repository only (npm run contract).");
  }
  if (allowWrites && !upstream) throw new UsageError("--allow-writes applies to --upstream only; against the embedded mock the write tests always run.");
  if (rawChatroom !== undefined && !upstream) throw new UsageError("--chatroom-id applies to --upstream only.");
  if (allowWrites && rawChatroom === undefined) throw new UsageError("--allow-writes needs --chatroom-id: the chat room the check may create records in.");
  const apiKey = Boolean(env.IWERP_API_KEY?.trim());
  const sessionToken = Boolean(env.IWERP_SESSION_TOKEN?.trim());
  if (upstream && apiKey && sessionToken) {
    throw new UsageError("--upstream takes one credential: IWERP_API_KEY or IWERP_SESSION_TOKEN, not both (unset one).");
  }
  if (upstream && !apiKey && !sessionToken) {
    throw new UsageError(
      "--upstream needs a credential for the tenant in the environment: an API key in IWERP_API_KEY (created in the iwERP user settings), or a session token in IWERP_SESSION_TOKEN.",
    );
  }
  // What the client would refuse, said here in the variables' names (the client's message names its options).
  for (const name of CREDENTIAL_NAMES) {
    const value = env[name]?.trim() ?? "";
    if (!upstream || value === "") continue;
    if (value.length < MIN_CREDENTIAL_LENGTH) {
      throw new UsageError(`${name} is too short: ${value.length} of at least ${MIN_CREDENTIAL_LENGTH} characters; put the whole credential in it.`);
    }
    const at = value.search(/[^\u0020-\u007e]/);
    if (at >= 0) throw new UsageError(`${name} contains a line break, control or non-ASCII character at position ${at + 1}; remove it.`);
    // A scheme or a header's name pasted with the credential ("Bearer eyJ…", "x-iw-jwt-token: eyJ…") would be sent as
    // part of it; the tenant refuses it as a wrong credential, and the report's hint is to create a new key.
    const pasted = /^(?:(?:bearer|basic|jwt|token) +|(?:x-session-token|x-iw-jwt-token|authorization) *: *)/i.exec(value);
    if (pasted) {
      throw new UsageError(`${name} begins with ${JSON.stringify(pasted[0].trim())} before the credential (a scheme or a header's name pasted with it); put the credential alone in it.`);
    }
  }
  const rawLimit = values["max-response-bytes"];
  if (rawLimit !== undefined && !(/^[1-9]\d{0,9}$/.test(rawLimit) && Number(rawLimit) <= MAX_RESPONSE_BYTES_LIMIT)) {
    throw new UsageError(`--max-response-bytes must be a whole number of bytes from 1 to ${MAX_RESPONSE_BYTES_LIMIT} (1 GiB), e.g. 20971520 for 20 MiB (got ${JSON.stringify(rawLimit)}).`);
  }
  if (rawLimit !== undefined && !upstream) throw new UsageError("--max-response-bytes applies to --upstream only: it limits what the check reads from the tenant.");
  if (upstream && values["dynamic-seed"] !== undefined) throw new UsageError("--dynamic-seed applies to the embedded mock only, not to --upstream.");
  const junit = checkPath("junit", values.junit);
  const logDir = checkPath("log-dir", values["log-dir"]);
  // The run creates --log-dir first, so a --junit of the same path could not be written once the run is over.
  if (junit !== undefined && junit === logDir) {
    throw new UsageError(`--junit takes the report's file name, not the --log-dir folder: e.g. --junit ${path.join(/** @type {string} */ (values.junit), "contract.xml")} (got ${JSON.stringify(values.junit)} for both).`);
  }
  return {
    help: false,
    upstream,
    allowWrites,
    chatroomId: rawChatroom === undefined ? undefined : Number(rawChatroom),
    junit,
    logDir,
    maxResponseBytes: rawLimit === undefined ? undefined : Number(rawLimit),
    dynamicSeed: values["dynamic-seed"],
    skip,
  };
}
