/**
 * An app that works with chat room participants only (`list`, `listAll`, `add`), importing what such an app
 * imports: `createConnection` and `ChatroomParticipants`, not `createChatClient`. `npm run size` bundles this
 * file to prove that such an app pays only for the operations it uses (scripts/size/bundle-size.mjs).
 */
import { ChatroomParticipants, createConnection } from "../../src/index.js";

/** Adds a guest to a chat room, then lists the room's first page and walks all of its participants. */
export async function inviteGuest(sessionToken: string, chatroom: number): Promise<string[]> {
  const participants = new ChatroomParticipants(createConnection({ host: "acme.iw-erp.de", sessionToken }));
  await participants.add({ chatroom: { id: chatroom }, first_name: "Guest" });
  const firstPage = await participants.list({ chatroom: String(chatroom), pageSize: 20 });
  const names = firstPage.map((participant) => participant.first_name ?? "");
  for await (const participant of participants.listAll({ chatroom: String(chatroom) })) names.push(participant.nickname ?? "");
  return names;
}
