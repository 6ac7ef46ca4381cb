/**
 * The spec's response schemas as field lists, in the spec's order: `name` is a plain value, `name:Shape` an
 * object (or a list of objects) of that shape. Written by hand from `generated/openapi.yaml`, since no schema
 * is loaded at run time; `test/testing/spec-drift.test.ts` fails when a list differs from the spec.
 */
const FIELDS = {
  ChatroomRef: "id created updated deleted name image_url",
  ChatroomParticipantRef: "id created updated deleted name image_url",
  ChatroomMessageRef: "id created updated deleted",
  ChatroomParticipantInChatroom:
    "id participant_type first_name last_name nickname preferred_color_hex avatar_token last_read_at room_admin can_write " +
    "is_muted auto_created auto_reply ai_auto_close_secret_word ai_prompt ai_number_of_context_messages created updated deleted name image_url",
  Chatroom: "id token notification_token participants:ChatroomParticipantInChatroom last_read_at created updated deleted name image_url",
  ChatroomParticipant:
    "id participant_type chatroom:ChatroomRef first_name last_name nickname preferred_color_hex avatar_token last_read_at room_admin " +
    "can_write is_muted auto_created auto_reply ai_auto_close_secret_word ai_prompt ai_number_of_context_messages created updated deleted name image_url",
  ChatroomParticipantListItem:
    "id participant_type first_name last_name nickname preferred_color_hex avatar_token last_read_at room_admin can_write is_muted " +
    "created updated deleted name image_url",
  ChatroomMessageAttachment: "id filename filesize mimetype createdbyusername created googleid scope",
  ChatroomMessageReactionInMessage: "id emoji participant:ChatroomParticipantRef created updated image_url deleted",
  ChatroomMessageReactionInMessageListItem: "id created updated image_url deleted",
  ChatroomMessage:
    "id chatroom:ChatroomRef participant:ChatroomParticipantRef message_text attachments:ChatroomMessageAttachment " +
    "reactions:ChatroomMessageReactionInMessage completed created updated deleted",
  ChatroomMessageListItem:
    "id participant:ChatroomParticipantRef message_text attachments:ChatroomMessageAttachment " +
    "reactions:ChatroomMessageReactionInMessageListItem created updated deleted",
  ChatroomMessageReaction:
    "id emoji chatroom:ChatroomRef message:ChatroomMessageRef participant:ChatroomParticipantRef created updated image_url deleted",
  ChatroomMessageReactionListItem: "id emoji created updated image_url deleted",
  CustomerChatroomMessageAttachment: "id filename filesize mimetype created googledownloadlink",
  CustomerChatroomMessageReaction: "id emoji",
  CustomerChatroomMessage:
    "id message_text attachments:CustomerChatroomMessageAttachment reactions:CustomerChatroomMessageReaction completed",
  SelectedCustomer: "id slackchannel displayname deleted created updated",
  Session:
    "id sessionid selectedcustomer:SelectedCustomer start refreshed_start ip valid is_api_key is_dg missing2fa start_in_vpn " +
    "auth_by_credentials auth_by_google auth_by_microsoft auth_by_cloudflare",
} as const;

/** The name of a schema the fake renders, e.g. `ChatroomParticipantListItem`. */
export type ShapeName = keyof typeof FIELDS;

/** One field of a shape: its name, and the shape of its object(s) when it holds any. */
export interface ShapeField {
  readonly name: string;
  readonly shape: ShapeName | undefined;
}

/** Every shape, parsed once: field name → nested shape (or undefined for a plain value), in the spec's order. */
export const SHAPES: { readonly [Name in ShapeName]: readonly ShapeField[] } = Object.fromEntries(
  Object.entries(FIELDS).map(([name, fields]) => [
    name,
    fields.split(" ").map((field) => {
      const [fieldName = "", shape] = field.split(":");
      return { name: fieldName, shape: shape as ShapeName | undefined };
    }),
  ]),
) as never;

/**
 * A copy of `value` with only the fields of `shape`, nested objects and lists of objects cut to theirs;
 * fields that are `undefined` are left out. Anything that is not an object is returned as it is, so that a
 * wrong value stays visible to the validators rather than being hidden.
 */
export function project(value: unknown, shape: ShapeName): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, shape));
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of SHAPES[shape]) {
    const fieldValue = source[field.name];
    if (fieldValue === undefined) continue;
    out[field.name] = field.shape === undefined ? copyJson(fieldValue) : project(fieldValue, field.shape);
  }
  return out;
}

/** A deep copy of plain JSON data, so that no caller holds a reference into the fake's state. */
function copyJson(value: unknown): unknown {
  return value !== null && typeof value === "object" ? structuredClone(value) : value;
}
