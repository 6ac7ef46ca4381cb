import {
  get_chatroom_message_cget,
  get_chatroom_message_reaction_cget,
  get_chatroom_participant_cget,
  type OperationOf,
} from "../../generated/operations.js";
import { INVALIDATES, type CollectionName } from "../../generated/model.js";
import type { ChatClient } from "../client.js";
import type { BodyOf, ItemOf, ListOperationId, PathValue, QueryOf, ResultOf } from "../core/operation-types.js";
import { ENTITY_OF, keyInput, QUERY_KEY_PREFIX, queryKey, type ChatEntity } from "./keys.js";
import type { ChatInfiniteQueryOptions, ChatMutationOptions, ChatQueryOptions, InvalidatingClient } from "./option-types.js";

/** Options of `chatQueries`. */
export interface ChatQueriesOptions {
  /**
   * The QueryClient mutations invalidate through when TanStack Query does not pass one to `onSuccess` (releases of
   * v5 before the mutation context). Default: none; recent v5 releases pass theirs.
   */
  queryClient?: InvalidatingClient | undefined;
}

/** A list read: one page (`list`) and every page (`infiniteList`). */
export interface ListQueries<Id extends ListOperationId> {
  /** One page of the list, as `list` returns it. Key: `[…, operationId, query]`. */
  list(query?: QueryOf<Id>): ChatQueryOptions<ResultOf<Id>>;
  /** Page after page from the first (0) with `query.pageSize` (default 50). Key: `[…, operationId, query without page, "infinite"]`. */
  infiniteList(query?: Omit<QueryOf<Id>, "page">): ChatInfiniteQueryOptions<ItemOf<Id>>;
}

/** An update's variables: the record's id and its new fields (what goes inside the body's `data`). */
export interface UpdateVariables<Id, Body> {
  /** The record's id. */
  id: Id;
  /** The fields to write. */
  data: Body;
}

/** The TanStack Query options for every operation of a `ChatClient`, by resource as on the client. */
export interface ChatQueries {
  /** The key prefixes: `all` (`["iwerp-chat", baseUrl]`) and one per kind of record (`["iwerp-chat", baseUrl, entity]`), to invalidate by hand. */
  readonly keys: { readonly all: readonly [string, string] } & { readonly [E in ChatEntity]: readonly [string, string, E] };
  /** `get` (query), `update` (mutation; variables `{ id, data }`). */
  readonly chatrooms: {
    get(id: PathValue<"get_chatroom_get", "identifier">): ChatQueryOptions<ResultOf<"get_chatroom_get">>;
    update(): ChatMutationOptions<ResultOf<"put_chatroom_put">, UpdateVariables<PathValue<"put_chatroom_put", "identifier">, BodyOf<"put_chatroom_put">>>;
  };
  /** `list`, `infiniteList` (queries); `add`, `update`, `delete` (mutations). */
  readonly chatroomParticipants: ListQueries<"get_chatroom_participant_cget"> & {
    add(): ChatMutationOptions<ResultOf<"post_chatroom_participant_post">, BodyOf<"post_chatroom_participant_post">>;
    update(): ChatMutationOptions<
      ResultOf<"put_chatroom_participant_put">,
      UpdateVariables<PathValue<"put_chatroom_participant_put", "identifier">, BodyOf<"put_chatroom_participant_put">>
    >;
    delete(): ChatMutationOptions<ResultOf<"delete_chatroom_participant_delete">, PathValue<"delete_chatroom_participant_delete", "identifier">>;
  };
  /** `list`, `infiniteList`, `get` (queries); `delete` (mutation). */
  readonly chatroomMessages: ListQueries<"get_chatroom_message_cget"> & {
    get(id: PathValue<"get_chatroom_message_get", "identifier">): ChatQueryOptions<ResultOf<"get_chatroom_message_get">>;
    delete(): ChatMutationOptions<ResultOf<"delete_chatroom_message_delete">, PathValue<"delete_chatroom_message_delete", "identifier">>;
  };
  /** `list`, `infiniteList`, `get` (queries); `delete` (mutation). */
  readonly chatroomMessageReactions: ListQueries<"get_chatroom_message_reaction_cget"> & {
    get(id: PathValue<"get_chatroom_message_reaction_get", "identifier">): ChatQueryOptions<ResultOf<"get_chatroom_message_reaction_get">>;
    delete(): ChatMutationOptions<ResultOf<"delete_chatroom_message_reaction_delete">, PathValue<"delete_chatroom_message_reaction_delete", "identifier">>;
  };
  /** The customer portal: messages `get` (query), `update` (mutation); reactions `add` (mutation; variables `{ messageId, data }`). */
  readonly customerPortal: {
    readonly chatroomMessages: {
      get(id: PathValue<"get_customer_chatroom_message_get", "identifier">): ChatQueryOptions<ResultOf<"get_customer_chatroom_message_get">>;
      update(): ChatMutationOptions<
        ResultOf<"put_customer_chatroom_message_put">,
        UpdateVariables<PathValue<"put_customer_chatroom_message_put", "identifier">, BodyOf<"put_customer_chatroom_message_put">>
      >;
    };
    readonly chatroomMessageReactions: {
      add(): ChatMutationOptions<
        ResultOf<"post_customer_chatroom_message_reaction_post">,
        {
          messageId: PathValue<"post_customer_chatroom_message_reaction_post", "chatroomMessageIdentifier">;
          data: BodyOf<"post_customer_chatroom_message_reaction_post">;
        }
      >;
    };
  };
  /** `create` (a mutation: each call mints a new API key; it makes nothing stale). */
  readonly apiTokens: {
    create(): ChatMutationOptions<ResultOf<"get_api_token_create_jwt_action">, QueryOf<"get_api_token_create_jwt_action"> | void>;
  };
}

/**
 * TanStack Query v5 options for every operation of `chat`, with no dependency on TanStack Query at run time:
 * queries (`queryKey`, `queryFn` that passes the query's `signal`, so a cancelled query aborts its request),
 * infinite queries for the paged lists (next page after a full one), and mutations (`mutationFn`, and an
 * `onSuccess` that invalidates the keys of the records the write changes, listed in `invalidates`).
 *
 * Keys are `["iwerp-chat", baseUrl, entity, operationId, input]` (`entity`: `chatroom`, `participant`, `message`,
 * `reaction`; `input`: the list's query, or `{ identifier }` as a string), with `"infinite"` after them for an infinite
 * list; two tenants never share an entry, and `keys` holds the prefixes to invalidate by hand.
 *
 * @example
 * const queries = chatQueries(chat);
 * const participants = useQuery(queries.chatroomParticipants.list({ chatroom: "42" }));
 * const add = useMutation(queries.chatroomParticipants.add()); // add.mutate({ chatroom: { id: 42 }, first_name: "Ada" })
 */
export function chatQueries(chat: ChatClient, options: ChatQueriesOptions = {}): ChatQueries {
  if (chat === null || typeof chat !== "object" || typeof chat.baseUrl !== "string") {
    throw new TypeError("chatQueries: chat must be a client from createChatClient().");
  }
  const { baseUrl } = chat;
  const entityKey = <E extends ChatEntity>(entity: E) => [QUERY_KEY_PREFIX, baseUrl, entity] as const;

  const get =
    <Id extends string | number, T>(entity: ChatEntity, operationId: string, call: (id: Id, options: { signal: AbortSignal }) => Promise<T>) =>
    (id: Id): ChatQueryOptions<T> => ({
      queryKey: queryKey(baseUrl, entity, operationId, { identifier: String(id) }),
      queryFn: ({ signal }) => call(id, { signal }),
    });

  const lists = <Id extends ListOperationId>(
    entity: ChatEntity,
    operationId: Id,
    operation: OperationOf<Id>,
    call: (query: QueryOf<Id> | undefined, options: { signal: AbortSignal }) => Promise<ResultOf<Id>>,
  ): ListQueries<Id> => {
    // Every list operation of the spec pages; its facts say the parameters' names and defaults.
    const paging = operation.paging!;
    return {
      list: (query) => ({
        queryKey: queryKey(baseUrl, entity, operationId, keyInput(query)),
        queryFn: ({ signal }) => call(query, { signal }),
      }),
      infiniteList: (query) => {
        const given = keyInput(query, [paging.page]);
        const pageSize = (given[paging.pageSize] ?? paging.defaultPageSize) as number;
        return {
          queryKey: [...queryKey(baseUrl, entity, operationId, given), "infinite"],
          queryFn: async ({ signal, pageParam }) =>
            (await call({ ...given, [paging.page]: pageParam, [paging.pageSize]: pageSize } as QueryOf<Id>, { signal })) as ItemOf<Id>[],
          initialPageParam: paging.firstPage,
          // No total count in the spec: a full page may be followed by an empty one, which ends the list.
          getNextPageParam: (lastPage, _allPages, lastPageParam) => (lastPage.length < pageSize ? undefined : lastPageParam + 1),
        };
      },
    };
  };

  // What each write makes stale comes from the spec (the records it writes, and the kinds whose reads show them); a
  // collection this entry has no queries of has no key, so nothing of it can be cached.
  const entities: { readonly [Name in CollectionName]?: ChatEntity } = ENTITY_OF;
  const write =
    <Variables, T>(operationId: keyof typeof INVALIDATES, mutationFn: (variables: Variables) => Promise<T>) =>
    (): ChatMutationOptions<T, Variables> => {
      const invalidates = (INVALIDATES[operationId] ?? []).flatMap((collection) => entities[collection] ?? []).map(entityKey);
      return {
        mutationKey: [QUERY_KEY_PREFIX, baseUrl, operationId],
        mutationFn,
        invalidates,
        onSuccess: async (_data, _variables, _onMutateResult, context) => {
          const client = context?.client ?? options.queryClient;
          // Without a client (an old v5 and no `queryClient` option) the app invalidates `invalidates` itself.
          if (client) await Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: key })));
        },
      };
    };

  const { chatrooms, chatroomParticipants, chatroomMessages, chatroomMessageReactions, customerPortal, apiTokens } = chat;
  return {
    keys: {
      all: [QUERY_KEY_PREFIX, baseUrl],
      chatroom: entityKey("chatroom"),
      participant: entityKey("participant"),
      message: entityKey("message"),
      reaction: entityKey("reaction"),
    },
    chatrooms: {
      get: get("chatroom", "get_chatroom_get", (id, call) => chatrooms.get(id, call)),
      update: write("put_chatroom_put", ({ id, data }) => chatrooms.update(id, data)),
    },
    chatroomParticipants: {
      ...lists("participant", "get_chatroom_participant_cget", get_chatroom_participant_cget, (query, call) => chatroomParticipants.list(query, call)),
      add: write("post_chatroom_participant_post", (participant) => chatroomParticipants.add(participant)),
      update: write("put_chatroom_participant_put", ({ id, data }) => chatroomParticipants.update(id, data)),
      delete: write("delete_chatroom_participant_delete", (id) => chatroomParticipants.delete(id)),
    },
    chatroomMessages: {
      ...lists("message", "get_chatroom_message_cget", get_chatroom_message_cget, (query, call) => chatroomMessages.list(query, call)),
      get: get("message", "get_chatroom_message_get", (id, call) => chatroomMessages.get(id, call)),
      delete: write("delete_chatroom_message_delete", (id) => chatroomMessages.delete(id)),
    },
    chatroomMessageReactions: {
      ...lists("reaction", "get_chatroom_message_reaction_cget", get_chatroom_message_reaction_cget, (query, call) =>
        chatroomMessageReactions.list(query, call),
      ),
      get: get("reaction", "get_chatroom_message_reaction_get", (id, call) => chatroomMessageReactions.get(id, call)),
      delete: write("delete_chatroom_message_reaction_delete", (id) => chatroomMessageReactions.delete(id)),
    },
    customerPortal: {
      chatroomMessages: {
        get: get("message", "get_customer_chatroom_message_get", (id, call) => customerPortal.chatroomMessages.get(id, call)),
        update: write("put_customer_chatroom_message_put", ({ id, data }) => customerPortal.chatroomMessages.update(id, data)),
      },
      chatroomMessageReactions: {
        add: write("post_customer_chatroom_message_reaction_post", ({ messageId, data }) =>
          customerPortal.chatroomMessageReactions.add(messageId, data),
        ),
      },
    },
    apiTokens: {
      create: write("get_api_token_create_jwt_action", (query) => apiTokens.create(query ?? {})),
    },
  };
}
