/**
 * Limits, as named constants that error messages quote. Confirmed values come from the
 * reference (§2.1); the rest are the project's documented defaults (§2.2) and can be
 * overridden per channel in channels.ts.
 */

/** Depth of the design tree, root = 1. Message › Carousel › Card › Action is exactly 4. */
export const MAX_DEPTH = 4;
/** At most this many content items in one message (the seed's MAX_COMPONENTS). */
export const MAX_CONTENT_ITEMS = 20;
/** Cards per carousel [C HELP-CAROUSELS]. */
export const CAROUSEL_MAX_CARDS = 10;
/** A carousel with fewer is an error; below CAROUSEL_RECOMMENDED_MIN_CARDS is a warning. */
export const CAROUSEL_MIN_CARDS = 1;
export const CAROUSEL_RECOMMENDED_MIN_CARDS = 2;
/** Buttons per card: best practice [C HELP-CARDS]; an error above the channel maximum. */
export const CARD_BUTTONS_RECOMMENDED = 3;
export const CARD_BUTTONS_MAX = 3;
/** Quick replies: guidance and the project's hard maximum [U]. */
export const QUICK_REPLIES_RECOMMENDED = 5;
export const QUICK_REPLIES_MAX = 10;
/** Text lengths (characters). Project defaults [U]; BUTTON_TEXT_MAX follows WhatsApp. */
export const BUTTON_TEXT_MAX = 20;
export const CARD_TITLE_MAX = 80;
export const CARD_DESCRIPTION_MAX = 80;
export const PAYLOAD_MAX = 256;
/** Message text default; per-channel values live in the channel table. */
export const TEXT_MAX = 2000;
export const URL_MAX = 2000;
/** SMS: a warning above one segment, an error above the agent send limit. */
export const SMS_SEGMENT_MAX = 160;
export const SMS_TEXT_MAX = 765;
/** Agent send textBody limits (§6.1). */
export const AGENT_TEXT_MAX = 2000;
export const AGENT_SMS_TEXT_MAX = 765;
/** WhatsApp shows 20 characters of a quick-reply prompt (19 plus "…"). */
export const WHATSAPP_PROMPT_DISPLAY = 20;
/** Compiled message size budget shown by the editor's meter [U]. */
export const MESSAGE_BYTES_MAX = 64 * 1024;
/** Bot Connector synchronous reply budget (§5.5). */
export const BOT_SYNC_REPLY_BUDGET_MS = 1000;
/** Guest WebSocket message length threshold [U] (error 4011). */
export const GUEST_MESSAGE_MAX = 4000;
/** Guest custom attributes (error 4013). */
export const GUEST_CUSTOM_ATTRIBUTES_MAX_BYTES = 2048;
/** Attachments per message (§1.11), and an Attachment travels alone (§1.2). */
export const MAX_ATTACHMENTS_PER_MESSAGE = 1;
/** Rule (§2.2): a payload is unique across all Postback buttons of one carousel (error). */
export const CAROUSEL_UNIQUE_PAYLOAD = true;
/** Rule (§2.1): WhatsApp has no URL buttons, so a Link button there is an error. */
export const WHATSAPP_ALLOW_LINK_BUTTONS = false;
/** validate() stops collecting after this many issues (a hostile file could yield millions). */
export const VALIDATE_MAX_ISSUES = 1000;
