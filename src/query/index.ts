export { chatQueries, type ChatQueries, type ChatQueriesOptions, type ListQueries, type UpdateVariables } from "./chat-queries.js";
export { QUERY_KEY_PREFIX, type ChatEntity, type ChatQueryKey } from "./keys.js";
export type { ChatInfiniteQueryOptions, ChatMutationOptions, ChatQueryOptions, InvalidatingClient } from "./option-types.js";
