import { AsyncLocalStorage } from "node:async_hooks";
import { expect, inject, onTestFinished, type TestContext } from "vitest";
import { appendRecord, type CreatedRecord } from "../../../scripts/lib/created-records.mjs";
import { createChatClient, type ConnectionOptions } from "../../../src/index.js";
import { CONTRACT_TOKEN, primaryTarget, type ContractTarget } from "./contract-target.js";

declare module "@vitest/runner" {
  interface TaskMeta {
    /** Prism's `sl-violations` that failed the test, each with its place as a path (e.g. `response.body.id`). */
    violations?: Array<{ path: string; message: string; severity: string }>;
  }
}

/** One exchange seen by `createRecordingFetch`. */
export interface RecordedExchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  requestBody: string | undefined;
  status: number;
  responseBody: string;
  /** Prism's `sl-violations` header, parsed. */
  violations: PrismViolation[];
}

/** A violation Prism reports in its `sl-violations` header. */
interface PrismViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** Changes a request on the wire, after the client built it (e.g. to drop a header the client insists on). */
type RequestTamper = (request: Request) => Promise<Request>;

/** A tamper that sends the request without one header. */
export function withoutHeader(name: string): RequestTamper {
  return async (request) => {
    const headers = new Headers(request.headers);
    headers.delete(name);
    return new Request(request, { headers });
  };
}

/** A `fetch` that records every exchange (and `sl-violations`: Prism serves an invalid example with 200) and sends it with `send`. */
function createRecordingFetch(tamper?: RequestTamper, send: typeof fetch = fetch): { fetch: typeof fetch; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const original = new Request(input, init);
    const request = tamper ? await tamper(original) : original;
    const requestBody = request.body ? await request.clone().text() : undefined;
    const response = await send(request);
    const header = response.headers.get("sl-violations");
    exchanges.push({
      method: request.method,
      url: new URL(request.url),
      requestHeaders: request.headers,
      requestBody,
      status: response.status,
      responseBody: await response.clone().text(),
      violations: header ? (JSON.parse(header) as PrismViolation[]) : [],
    });
    return response;
  };
  return { fetch: recordingFetch, exchanges };
}

/** The client's options, one credential (default: the session token `CONTRACT_TOKEN`; an `apiKey` replaces it), the target (default: the first). */
export type ContractClientOptions = Partial<ConnectionOptions> & {
  sessionToken?: string;
  apiKey?: string;
  target?: ContractTarget;
};

/**
 * A typed client for a contract target that records each exchange. Any `sl-violations` a test did not declare with
 * `expectRequestViolations` fail it, so an invalid example served with 200, or a drifting upstream, cannot pass;
 * against a real target, every record a test may have created is appended to the records log.
 */
export function createContractClient({ target = primaryTarget, sessionToken = CONTRACT_TOKEN, apiKey, ...overrides }: ContractClientOptions = {}, tamper?: RequestTamper) {
  const recorder = createRecordingFetch(tamper, target.fetch);
  const common = { baseUrl: target.baseUrl, validateResponses: "throw", retry: false, logger: false, fetch: recorder.fetch, ...overrides } as const;
  const client = createChatClient(apiKey === undefined ? { ...common, sessionToken } : { ...common, apiKey });
  current().tracked.push({ target, exchanges: recorder.exchanges });
  // `fetch` records into the same exchanges, for what the client makes itself (e.g. `login`).
  return { client, exchanges: recorder.exchanges, fetch: recorder.fetch };
}

/** What one test sent: the exchanges with the target each went to, and the request violations it declared. */
interface TestExchanges {
  tracked: Array<{ target: ContractTarget; exchanges: RecordedExchange[] }>;
  expected: Array<(violation: PrismViolation) => boolean>;
}

/** The state of a test that runs alone (a plain `test`), checked when it finishes (see `current`). */
const alone: TestExchanges = { tracked: [], expected: [] };
/** The plain test whose check is registered (file and name), until it finishes. */
let aloneTest: string | undefined;
/**
 * The state of a test run by `withOwnExchanges`. Tests against Prism run concurrently (`targetTest`), and one state
 * shared by them let the first test to end check, and clear, the exchanges of the others still in flight, against
 * the violations the last of them declared: a test's own undeclared violation was never checked.
 */
const own = new AsyncLocalStorage<TestExchanges>();

/** The running test's state: its own under `withOwnExchanges`, else `alone`, with its check registered. */
function current(): TestExchanges {
  const state = own.getStore();
  if (state) return state;
  // Registered by the test itself, not as a top-level afterEach: the contract project shares modules between the
  // files of a worker (isolate: false), so a module's afterEach was registered once, for the first file that loaded
  // it, and the plain tests of a later file in that worker were never checked.
  const { testPath, currentTestName } = expect.getState();
  const test = `${testPath} > ${currentTestName}`;
  if (aloneTest !== test) {
    // A test skipped at run time gets no onTestFinished: what it left is not the next test's.
    alone.tracked.length = 0;
    alone.expected = [];
    aloneTest = test;
    onTestFinished((context) => {
      aloneTest = undefined;
      checkExchanges(alone, context, true);
    });
  }
  return alone;
}

/** Declares the request violations this test provokes on purpose (e.g. a missing token), by message or place (e.g. `request.query.page`). */
export function expectRequestViolations(...matchers: RegExp[]): void {
  current().expected = matchers.map((re) => (v) => v.location[0] === "request" && (re.test(v.message) || re.test(v.location.join("."))));
}

function json(text: string | undefined): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The record an exchange with a real target may have created, if any. */
function createdBy(exchange: RecordedExchange, test: string): CreatedRecord | undefined {
  if (["GET", "HEAD", "OPTIONS"].includes(exchange.method)) return undefined;
  const ok = exchange.status >= 200 && exchange.status < 300;
  const broken = exchange.violations.some((v) => v.location[0] === "response");
  if (!ok && !broken && exchange.status < 500) return undefined;
  const sent = json(exchange.requestBody)?.data;
  const body = ok ? json(exchange.responseBody) : undefined;
  const chatroomId = body?.chatroom?.id ?? sent?.chatroom?.id ?? null;
  const record: CreatedRecord = { operation: `${exchange.method} ${exchange.url.pathname}`, test, chatroomId, id: body?.id ?? null };
  if (broken) record.note = `the response (${exchange.status}) broke the spec, so the record may exist without its id being known`;
  else if (!ok) record.note = `the server answered ${exchange.status}; the record may or may not exist`;
  return record;
}

/**
 * Checks what a test sent, once it has ended: records a real target may have created go to the records log, and
 * `sl-violations` it did not declare are put into the test's meta (for the report) and, when `assert`, fail it.
 */
function checkExchanges(state: TestExchanges, context: TestContext, assert: boolean): void {
  const { tracked, expected } = state;
  const exchanges = tracked.flatMap((entry) => entry.exchanges);
  for (const { target, exchanges: sent } of tracked) {
    if (target.isMock) continue;
    for (const exchange of sent) {
      const record = createdBy(exchange, context.task.name);
      if (record) appendRecord(inject("contractRecordsFile"), record);
    }
  }
  tracked.length = 0;
  const violations = exchanges.flatMap((e) => e.violations.map((v) => ({ ...v, url: e.url.pathname })));
  const unexpected = violations.filter((v) => !expected.some((match) => match(v)));
  state.expected = [];
  if (unexpected.length > 0) {
    context.task.meta.violations = unexpected.map((v) => ({ path: v.location.join("."), message: v.message, severity: v.severity }));
  }
  if (assert) expect(unexpected, "Prism reported sl-violations").toEqual([]);
}

/**
 * Runs `body`, a test that may run concurrently with others, with exchanges and declared violations of its own,
 * and checks them when it ends (see `checkExchanges`): when it failed, its violations still go into its meta, and
 * its own error stands.
 */
export async function withOwnExchanges(context: TestContext, body: () => Promise<void>): Promise<void> {
  const state: TestExchanges = { tracked: [], expected: [] };
  let passed = false;
  try {
    await own.run(state, body);
    passed = true;
  } finally {
    checkExchanges(state, context, passed);
  }
}
