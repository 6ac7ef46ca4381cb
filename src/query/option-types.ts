import type { ChatEntity, ChatQueryKey } from "./keys.js";

/** The part of TanStack Query's `QueryClient` a mutation's `onSuccess` uses. */
export interface InvalidatingClient {
  /** TanStack Query's `invalidateQueries`: marks the queries whose key starts with `queryKey` stale and refetches the active ones. */
  invalidateQueries(filters: { queryKey: readonly unknown[] }): Promise<void>;
}

/** Options for `useQuery`, `queryClient.fetchQuery` and the like (TanStack Query v5): a key and a function. */
export interface ChatQueryOptions<T> {
  /** See `ChatQueryKey`. */
  readonly queryKey: ChatQueryKey;
  /** Calls the client, passing the query's `signal` (a cancelled query aborts its request). */
  readonly queryFn: (context: { signal: AbortSignal }) => Promise<T>;
}

/** Options for `useInfiniteQuery` and `queryClient.fetchInfiniteQuery` (TanStack Query v5): one list page per page param. */
export interface ChatInfiniteQueryOptions<Item> {
  /** See `ChatQueryKey`: the list's key without `page`, then `"infinite"`. */
  readonly queryKey: ChatQueryKey;
  /** Fetches the page `pageParam` with the query's page size, passing the query's `signal`. */
  readonly queryFn: (context: { signal: AbortSignal; pageParam: number }) => Promise<Item[]>;
  /** The spec's first page (0). */
  readonly initialPageParam: number;
  /** The next page after a full one; none after a short one (the spec's paging: no total count). */
  readonly getNextPageParam: (lastPage: readonly Item[], allPages: readonly (readonly Item[])[], lastPageParam: number) => number | undefined;
}

/** Options for `useMutation` (TanStack Query v5): a key, the call, and the invalidation of what it makes stale. */
export interface ChatMutationOptions<T, Variables> {
  /** `["iwerp-chat", baseUrl, operationId]`. */
  readonly mutationKey: readonly [string, string, string];
  /** Calls the client with the mutation's variables. */
  readonly mutationFn: (variables: Variables) => Promise<T>;
  /**
   * Invalidates `invalidates` through the QueryClient TanStack Query passes (`context.client`, in recent v5 releases),
   * else the `queryClient` given to `chatQueries`. Resolves once the active queries have refetched.
   */
  readonly onSuccess: (data: T, variables: Variables, onMutateResult?: unknown, context?: { client?: InvalidatingClient }) => Promise<void>;
  /** The keys the write makes stale: `["iwerp-chat", baseUrl, entity]` for each kind of record it changes. */
  readonly invalidates: readonly (readonly [string, string, ChatEntity])[];
}
