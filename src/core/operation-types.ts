import type { operations } from "../../generated/openapi.js";
import type { ResponseOf } from "../../generated/operations.js";

/** The operationId of any operation in the spec, as the generated table names it. */
export type OperationId = keyof operations;

type ParametersOf<Id extends OperationId> = operations[Id]["parameters"];

/** An operation's path parameters, e.g. `{ identifier: string }`; `never` when it has none. */
export type PathParamsOf<Id extends OperationId> = ParametersOf<Id> extends { path: infer P } ? P : never;

/**
 * An operation's query parameters (all optional in this API); `never` when it has none. An optional one also takes
 * `undefined`, which the client drops as if it were left out, so an app compiled with `exactOptionalPropertyTypes`
 * passes its own optional filters straight through (`{ chatroom, searchString: search }`).
 */
export type QueryOf<Id extends OperationId> = ParametersOf<Id> extends { query?: infer Q } ? OptionalOrUndefined<NonNullable<Q>> : never;

/** `T` with `| undefined` on each optional property (openapi-typescript writes `name?: T`). */
type OptionalOrUndefined<T> = { [K in keyof T]: {} extends Pick<T, K> ? T[K] | undefined : T[K] };

/** An operation's whole request body, e.g. `{ data?: ChatroomParticipant }`; `never` without a body. */
export type RequestBodyOf<Id extends OperationId> = operations[Id] extends { requestBody: { content: { "application/json": infer B } } } ? B : never;

/** What goes inside the request body's envelope (`data`, `login`): the entity the caller passes. */
export type BodyOf<Id extends OperationId> = [RequestBodyOf<Id>] extends [never] ? never : NonNullable<RequestBodyOf<Id>[keyof RequestBodyOf<Id>]>;

/** An operation's 200 body, e.g. `Chatroom` or `ChatroomParticipantListItem[]`. */
export type ResultOf<Id extends OperationId> = ResponseOf<operations[Id]>;

/** One item of a list operation's 200 body. */
export type ItemOf<Id extends OperationId> = ResultOf<Id> extends ReadonlyArray<infer Item> ? Item : never;

/** The operations whose 200 body is a list. */
export type ListOperationId = { [Id in OperationId]: ResultOf<Id> extends ReadonlyArray<unknown> ? Id : never }[OperationId];

/** A path parameter's value: the spec's string, or the integer id an entity carries. */
export type PathValue<Id extends OperationId, Name extends keyof PathParamsOf<Id>> = PathParamsOf<Id>[Name] | number;

/**
 * The input of one call of `Id`: `path` when the operation has path parameters, `query` when it takes any,
 * `body` (the entity inside the envelope) when it has a body. Each part is typed by the spec.
 */
export type RequestInput<Id extends OperationId> = ([PathParamsOf<Id>] extends [never]
  ? { path?: never }
  : { path: { [Name in keyof PathParamsOf<Id>]: PathValue<Id, Name> } }) &
  ([QueryOf<Id>] extends [never] ? { query?: never } : { query?: QueryOf<Id> | undefined }) &
  ([BodyOf<Id>] extends [never] ? { body?: never } : { body: BodyOf<Id> });
