/**
 * Which key of a content item holds its payload, by contentType (`{contentType: 'Card',
 * card: {…}}`), and which content types the designer can edit. Kept apart so that the node
 * kind table (shared/src/model/kinds.ts), once it owns the payload keys, replaces this
 * module with a re-export. Source: ../shared/reference/genesys-messaging.md, "content[]".
 */
export const PAYLOAD_KEY: Readonly<Record<string, string>> = {
  Card: 'card',
  Carousel: 'carousel',
  QuickReply: 'quickReply',
  QuickReplyV2: 'quickReplyV2',
  ListPicker: 'listPicker',
  DatePicker: 'datePicker',
  Attachment: 'attachment',
  ButtonResponse: 'buttonResponse',
  Notification: 'template',
};

/** Content types that become nodes of a design as they are. */
export const DESIGNABLE_CONTENT_TYPES: ReadonlySet<string> = new Set(['Card', 'Carousel', 'QuickReply', 'ListPicker', 'DatePicker', 'Attachment']);
