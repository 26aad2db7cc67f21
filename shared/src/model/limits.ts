/**
 * Limits and rule switches, as named constants that error messages quote. Confirmed values
 * come from the Genesys help articles and SDK models named beside them; the others are the
 * project's own defaults, kept here so they change in one place, and may be overridden per
 * channel in channels.ts. The help articles cited below:
 * - cards: https://help.mypurecloud.com/articles/work-with-cards-in-bot-conversations/
 * - carousels: https://help.mypurecloud.com/articles/work-with-carousels-in-bot-conversations/
 * - quick replies: https://help.mypurecloud.com/?p=247820
 */

/** Depth of the design tree, root = 1. Message › Carousel › Card › Action is exactly 4. */
export const MAX_DEPTH = 4;
/** At most this many content items in one message (a project default). */
export const MAX_CONTENT_ITEMS = 20;
/** Cards per carousel (the carousels article). */
export const CAROUSEL_MAX_CARDS = 10;
/** A carousel with fewer is an error; below CAROUSEL_RECOMMENDED_MIN_CARDS is a warning (a single Card reads better). */
export const CAROUSEL_MIN_CARDS = 1;
export const CAROUSEL_RECOMMENDED_MIN_CARDS = 2;
/**
 * Payloads unique across all Postback buttons of one carousel (an error when on). The
 * carousels article asks for it; the SDK only asks text+payload to be unique per card, and
 * Genesys' own Bot Connector carousel example repeats a payload, so the server's simulated
 * Genesys does not refuse it: this is a designer rule.
 */
export const CAROUSEL_UNIQUE_PAYLOAD = true;
/** Buttons per card: best practice (the cards article); an error above the channel maximum where the channel says so. */
export const CARD_BUTTONS_RECOMMENDED = 3;
export const CARD_BUTTONS_MAX = 3;
/** WhatsApp has no URL buttons (the cards article); channels.ts reads this for WhatsApp's linkButtons. */
export const WHATSAPP_ALLOW_LINK_BUTTONS = false;
/**
 * compile always writes a card's description, empty when unset: the Messenger mobile
 * transport's Card.description has no default, so a card without one may fail to parse
 * (genesys-messenger-transport-mobile-sdk, shyrka/receive/StructuredMessage.kt).
 */
export const CARD_ALWAYS_EMIT_DESCRIPTION = true;
/** Quick replies: guidance (the quick replies article) and the project's hard maximum. */
export const QUICK_REPLIES_RECOMMENDED = 5;
export const QUICK_REPLIES_MAX = 10;
/** Text lengths (characters). Project defaults; BUTTON_TEXT_MAX follows WhatsApp's display. */
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
/** Agent send textBody limits (SDK model AdditionalMessage). */
export const AGENT_TEXT_MAX = 2000;
export const AGENT_SMS_TEXT_MAX = 765;
/** Compiled message size budget: the editor's meter and a warning above it (a project default). */
export const MESSAGE_BYTES_MAX = 64 * 1024;
/** Guest WebSocket message length threshold (error 4011); a project default. */
export const GUEST_MESSAGE_MAX = 4000;
/** Guest custom attributes (error 4013). */
export const GUEST_CUSTOM_ATTRIBUTES_MAX_BYTES = 2048;
/**
 * Attachments per message, and an Attachment travels alone: the SDK model
 * ConversationMessageContent says "If contentType = Attachment only one item is allowed".
 */
export const MAX_ATTACHMENTS_PER_MESSAGE = 1;
/** validate() stops collecting after this many issues (a hostile file could yield millions). */
export const VALIDATE_MAX_ISSUES = 1000;
