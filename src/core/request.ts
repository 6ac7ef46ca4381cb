import type { OperationOf } from "../../generated/operations.js";
import type { CallOptions } from "../client-options.js";
import { InvalidInputError } from "../errors/InvalidInputError.js";
import type { Connection } from "./connection.js";
import { execute, type Operation } from "./execute.js";
import { mustBe } from "./check-input.js";
import { jsonBody } from "./json-body.js";
import type { OperationId, RequestInput, ResultOf } from "./operation-types.js";
import { checkQuery, fillPath } from "./request-input.js";
import { resolveCallOptions, type CallConfig } from "./resolve-options.js";

/**
 * Calls an operation of the spec: checks the input, sends it with the call's timeouts, deadline, signal and
 * retry policy (repeats by the operation's method), and returns the 2xx body as the spec's type, checked by
 * the operation's generated check. Everything operation-specific comes from `operation`, the operation's
 * generated facts (an export of `generated/operations.js`).
 *
 * @param bodyName what the body is called in messages (the resource names it). Default: `body`.
 * @param refuse why a 2xx body that matches the spec still cannot be used, if it cannot (see `Operation.refuse`).
 * @throws {InvalidInputError} before sending, naming the call and the part of the input at fault.
 */
export async function request<Id extends OperationId>(
  connection: Connection,
  operation: OperationOf<Id>,
  input: RequestInput<Id>,
  options?: CallOptions,
  bodyName = "body",
  refuse?: Operation<ResultOf<Id>>["refuse"],
): Promise<ResultOf<Id>> {
  const { config, wire } = connection;
  const where = { method: operation.method, url: `${config.baseUrl}${operation.path}` };
  let url: string;
  let call: CallConfig;
  let body: string | undefined;
  let redactor = connection.redactor;
  try {
    if (input === null || typeof input !== "object") throw mustBe("input", "an object such as `{ path, query, body }`");
    const path = fillPath(operation.path, input.path);
    where.url = `${config.baseUrl}${path}`;
    // The path is filled in already; the connection adds the query (and the ids).
    url = wire.url(path, checkQuery(input.query));
    call = resolveCallOptions(config, options);
    if (operation.envelope !== null) {
      const { sent, secrets } = jsonBody(bodyName, input.body, operation.requestSecrets, operation.bodyIds);
      redactor = redactor.with(secrets);
      // Serialized once: every attempt sends the same bytes, ids as the integers the API takes.
      body = JSON.stringify({ [operation.envelope]: sent });
    } else if (input.body !== undefined) {
      throw new InvalidInputError(bodyName, "must be left out: this operation sends no body.");
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error.of(where);
    // Whatever else the input makes the checks or the serializers throw (`encodeURIComponent` refuses a lone
    // surrogate in a path or query value with a URIError; a getter of the body may throw) is no request either.
    throw new InvalidInputError("request", `could not be built (${redactor.text(String(error))}); check the input's values.`, where);
  }
  return execute<ResultOf<Id>>(config, call, operation, { url, headers: wire.headers(body !== undefined), body, redactor, refuse });
}
