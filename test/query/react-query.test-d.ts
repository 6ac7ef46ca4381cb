// The README's "Using it in a UI" examples (hooks only, no JSX), type-checked against @tanstack/react-query by
// `tsc -p .` (npm test's type-check): the options chatQueries returns must fit useQuery, useInfiniteQuery and
// useMutation, and the data they give must have the client's types.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect } from "react";
import { describe, expectTypeOf, test } from "vitest";
import {
  AbortError,
  createChatClient,
  type Chatroom,
  type ChatroomMessageListItem,
  type ChatroomParticipant,
  type ChatroomParticipantPayload,
  type ChatroomParticipantListItem,
} from "../../src/index.js";
import { chatQueries } from "../../src/query/index.js";

declare const sessionToken: string; // e.g. login()'s session.sessionid: a browser app should hold no API key
const chat = createChatClient({ host: "acme.iw-erp.de", sessionToken });
const queries = chatQueries(chat);

// From the README:
function useParticipants(roomId: string) {
  return useQuery(queries.chatroomParticipants.list({ chatroom: roomId }));
}

function useAllMessages(roomId: string) {
  return useInfiniteQuery(queries.chatroomMessages.infiniteList({ chatroom: roomId, pageSize: 100 }));
}

function useAddParticipant() {
  // onSuccess invalidates the participant lists and the rooms (a room lists its participants); they refetch and show the new one.
  return useMutation(queries.chatroomParticipants.add());
}

function useRenameRoom() {
  const queryClient = useQueryClient();
  const rename = queries.chatrooms.update();
  return useMutation({
    ...rename,
    // An app's own onSuccess replaces the one given: invalidate `invalidates` in it (a room's messages and reactions show its name).
    onSuccess: async (room) => {
      await Promise.all(rename.invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return room;
    },
  });
}

// From the README's "New messages as they arrive":
function useNewMessages(roomId: string, onMessage: (message: ChatroomMessageListItem) => void) {
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      for await (const message of chat.chatroomMessages.watch({ chatroom: roomId }, { signal: controller.signal })) onMessage(message);
    })().catch((error: unknown) => {
      if (!(error instanceof AbortError)) console.error(error); // AbortError: the component went away
    });
    return () => controller.abort();
  }, [roomId, onMessage]);
}

describe("chatQueries' options fit @tanstack/react-query's hooks", () => {
  test("useQuery gives the list's items; useInfiniteQuery pages of them", () => {
    expectTypeOf<ReturnType<typeof useParticipants>["data"]>().toEqualTypeOf<ChatroomParticipantListItem[] | undefined>();
    expectTypeOf<ReturnType<typeof useAllMessages>["data"]>().toEqualTypeOf<InfiniteData<ChatroomMessageListItem[], unknown> | undefined>();
  });

  test("useMutation takes the write's variables and gives its result", () => {
    expectTypeOf<Parameters<ReturnType<typeof useAddParticipant>["mutate"]>[0]>().toEqualTypeOf<ChatroomParticipantPayload>();
    expectTypeOf<ReturnType<typeof useAddParticipant>["data"]>().toEqualTypeOf<ChatroomParticipant | undefined>();
    expectTypeOf<Parameters<ReturnType<typeof useRenameRoom>["mutate"]>[0]>().toMatchTypeOf<{ id: string | number; data: unknown }>();
    expectTypeOf<ReturnType<typeof useRenameRoom>["data"]>().toEqualTypeOf<Chatroom | undefined>();
  });

  test("watch yields the list's items", () => {
    expectTypeOf(useNewMessages).parameter(1).parameter(0).toEqualTypeOf<ChatroomMessageListItem>();
  });
});
