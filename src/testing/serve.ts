import type { OperationId } from "../core/operation-types.js";
import { Redactor } from "../core/redactor.js";
import { createApiToken } from "./api-tokens.js";
import { serveCollection } from "./collection-handlers.js";
import { API_KEY_HEADER, SESSION_HEADER, type Credentials, type SentCredentials } from "./credentials.js";
import { describeIssue } from "./issues.js";
import type { FaultQueue } from "./faults.js";
import { networkFailure, wait } from "./faults.js";
import type { ReceivedRequest } from "./received-request.js";
import type { Records } from "./records.js";
import type { FakeUser } from "./options.js";
import { failure, httpStatusOf, invalid, toResponse, type ErrorStyle, type Reply } from "./replies.js";
import { queryIssues } from "./query-rules.js";
import { parseJson, readEnvelope } from "./request-body.js";
import { audienceOf, matchRequest, queryRulesOf, routeOf } from "./routes.js";
import { logIn } from "./sessions.js";
import { operationFacts, SECRET_FIELD_NAMES } from "./operation-table.js";
import { requestCheck, responseCheck } from "./validators.js";

/**
 * What the request log keeps of a body: the client's redactor with every field the spec marks secret (no
 * token: the log shows the token sent), which also cuts a body nested deeper than it copies.
 */
const LOG_REDACTOR = new Redactor([], SECRET_FIELD_NAMES);

/** What serving a request needs: the tenant's current state. */
export interface ServeContext {
  readonly records: Records;
  readonly credentials: Credentials;
  /** Who can log in. */
  readonly users: readonly FakeUser[] | "anyone";
  /** How errors are answered unless a fault says otherwise. */
  readonly errorStyle: ErrorStyle;
  readonly faults: FaultQueue;
  readonly log: ReceivedRequest[];
  /** Reads the clock once, as an ISO date-time. */
  readonly now: () => string;
}

/**
 * Serves one request like the tenant would: routes it by the spec's path templates, logs it, applies a
 * queued fault, checks the credentials (for operations that need them: a staff session or API key, or on the
 * customer portal a customer's session), the query parameters the spec restricts and the body (its envelope,
 * and the entity against the spec), and answers from the records. Every 200 body is checked against the spec
 * before it leaves; one that does not match is answered 500, naming the problem (a bug of the fake). Errors
 * are answered in the tenant's style: with their status, or as soft errors (HTTP 400, the code in `X-IW-ERROR-CODE`).
 */
export async function serve(context: ServeContext, request: Request): Promise<Response> {
  if (request.signal.aborted) throw request.signal.reason ?? new DOMException("This operation was aborted", "AbortError");
  const url = new URL(request.url);
  const match = matchRequest(request.method, url.pathname);
  const text = await request.text();
  const parsed = parseJson(text);
  const token = request.headers.get(SESSION_HEADER);
  const apiKey = request.headers.get(API_KEY_HEADER);
  const entry: { -readonly [K in keyof ReceivedRequest]: ReceivedRequest[K] } = {
    method: request.method,
    path: url.pathname,
    operationId: match.found ? match.id : null,
    pathParams: match.found ? { ...match.params } : {},
    query: Object.fromEntries(url.searchParams),
    body: parsed.ok ? LOG_REDACTOR.value(parsed.value) : LOG_REDACTOR.text(text),
    sessionToken: token,
    apiKey,
    status: null,
    errorCode: null,
  };
  context.log.push(entry);
  const respond = (reply: Reply, style = context.errorStyle): Response => {
    entry.status = httpStatusOf(reply, style);
    entry.errorCode = "messages" in reply ? reply.status : null;
    return toResponse(reply, style);
  };
  if (!match.found) {
    if (match.allow.length === 0) return respond(failure(404, [`no operation of the spec has the path ${url.pathname}`]));
    return respond(failure(405, [`${request.method} is not allowed on ${url.pathname}`], { headers: { allow: match.allow.join(", ") } }));
  }
  // A repeated parameter counts with its last value, the one `tenant.requests` shows, not the first `get` would read.
  const query = new URLSearchParams(entry.query);
  const call: Call = { id: match.id, params: match.params, query, text, credentials: { session: token, apiKey } };
  const fault = context.faults.take(match.id);
  if (fault !== undefined) {
    if (fault.delayMs > 0) await wait(fault.delayMs, request.signal);
    if (fault.reset) {
      if (fault.processed) answer(context, call);
      throw networkFailure(fault.code ?? "ECONNRESET");
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      const style = fault.soft === undefined ? context.errorStyle : fault.soft ? "soft" : "real";
      return respond(failure(fault.status, [fault.message ?? `Fault injected by the fake tenant (${fault.status})`], { headers }), style);
    }
  }
  return respond(answer(context, call));
}

/** A request routed to an operation, as `answer` needs it. */
interface Call {
  readonly id: OperationId;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The body's text. */
  readonly text: string;
  /** The `x-session-token` and `x-iw-jwt-token` sent. */
  readonly credentials: SentCredentials;
}

/** The answer to a routed request: authentication, the body check, then the operation. */
function answer(context: ServeContext, { id, params, query, text, credentials }: Call): Reply {
  const operation = operationFacts(id);
  const audience = audienceOf(id);
  if (audience !== "anyone") {
    const refusal = context.credentials.refusal(credentials, audience);
    if (refusal !== undefined) return refusal;
  }
  const wrongQuery = queryIssues(query, queryRulesOf(id));
  if (wrongQuery.length > 0) return invalid(wrongQuery);
  let entity: Record<string, unknown> | undefined;
  if (operation.envelope !== null) {
    const body = readEnvelope(text, operation.envelope);
    if (!body.ok) return invalid(body.issues, body.status);
    entity = body.entity;
  }
  const route = routeOf(id);
  if (route.type === "unsupported") return failure(501, [`${operation.method} ${operation.path}: ${route.reason}`]);
  if (route.type === "login") return checked(id, logIn(context.credentials, context.users, entity ?? {}, context.now));
  if (route.type === "api-token") return checked(id, createApiToken(context.credentials, query, context.now));
  if (entity !== undefined) {
    // The entity's own schema (`ChatroomParticipantPayload`): the 200 body's fields, none of them required.
    const check = requestCheck(id);
    if (!check(entity)) return invalid(check.issues(["body", operation.envelope ?? "data"]));
  }
  return checked(id, serveCollection(context.records, { id, route, params, query, entity }, context.now));
}

/** The reply, if its 200 body matches the spec; else a 500 that says where it does not. */
function checked(id: OperationId, reply: Reply): Reply {
  if ("messages" in reply) return reply;
  const check = responseCheck(id);
  if (check(reply.body)) return reply;
  const problems = check.issues(["response"]).map(describeIssue).join("; ");
  return failure(500, [`the fake tenant built a ${id} response that does not match the spec (${problems}); please report this bug`]);
}
