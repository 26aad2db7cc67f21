/**
 * Channel capability table, from the Genesys help articles on cards, carousels and quick
 * replies (links in limits.ts) and https://help.mypurecloud.com/articles/work-message-interactions/.
 * `Support` is what they state: 'yes' listed as supported, 'no' stated unsupported, 'partial'
 * listed only in some published versions, 'unknown' not stated. The channel rules
 * (rules/channel.ts) turn these into what the channel really gets.
 */
import {
  AGENT_SMS_TEXT_MAX,
  CARD_BUTTONS_MAX,
  SMS_TEXT_MAX,
  TEXT_MAX,
  WHATSAPP_ALLOW_LINK_BUTTONS,
} from './limits.ts';

export const CHANNEL_IDS = [
  'webmessaging',
  'whatsapp',
  'facebook',
  'instagram',
  'line',
  'twitter',
  'apple',
  'open',
  'sms',
] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export type Support = 'yes' | 'no' | 'partial' | 'unknown';

export type ChannelCapabilities = {
  id: ChannelId;
  label: string;
  quickReplies: Support;
  cards: Support;
  carousels: Support;
  /** Severity when a carousel is sent where carousels are not supported. */
  carouselUnsupportedSeverity: 'error' | 'warning';
  defaultActionIgnored: boolean;
  linkButtons: Support;
  /** Card buttons: above this is an error on the channel (warning above the recommended 3). */
  cardButtonsMax: number;
  /** Card-buttons over cardButtonsMax: 'error' (WhatsApp) or 'warning' elsewhere. */
  cardButtonsOverSeverity: 'error' | 'warning';
  /** Message text limit (stricter of the two official sources). */
  textMax: number;
  /** Agent send textBody limit (text fallback through the agent endpoint). */
  agentTextMax: number;
  /** Rich content at all: false means the text fallback is what the customer gets. */
  rich: boolean;
  /** Quick replies beyond this show as a list (WhatsApp, per the quick replies article). */
  quickRepliesAsButtonsMax?: number;
  notes: string;
};

const base = {
  carouselUnsupportedSeverity: 'warning',
  defaultActionIgnored: false,
  cardButtonsMax: CARD_BUTTONS_MAX,
  cardButtonsOverSeverity: 'warning',
  textMax: TEXT_MAX,
  agentTextMax: TEXT_MAX,
  rich: true,
} as const;

export const CHANNELS: Readonly<Record<ChannelId, ChannelCapabilities>> = {
  webmessaging: {
    ...base, id: 'webmessaging', label: 'Web Messenger',
    quickReplies: 'yes', cards: 'yes', carousels: 'yes', linkButtons: 'yes',
    notes: 'Mobile transport parses DatePicker; drops ListPicker, QuickReplyV2 and Form.',
  },
  whatsapp: {
    ...base, id: 'whatsapp', label: 'WhatsApp',
    quickReplies: 'yes', cards: 'yes', carousels: 'no', carouselUnsupportedSeverity: 'error',
    defaultActionIgnored: true, linkButtons: WHATSAPP_ALLOW_LINK_BUTTONS ? 'yes' : 'no', cardButtonsOverSeverity: 'error',
    quickRepliesAsButtonsMax: 3,
    notes: 'No carousels, no URL buttons, at most 3 card buttons; more than 3 quick replies show as a list.',
  },
  facebook: {
    ...base, id: 'facebook', label: 'Facebook Messenger',
    quickReplies: 'yes', cards: 'yes', carousels: 'yes', linkButtons: 'yes',
    notes: 'Reply within 7 days.',
  },
  instagram: {
    ...base, id: 'instagram', label: 'Instagram',
    quickReplies: 'partial', cards: 'partial', carousels: 'partial', linkButtons: 'unknown',
    textMax: 1000, agentTextMax: TEXT_MAX,
    notes: 'Cards and carousels are beta in some published versions.',
  },
  line: {
    ...base, id: 'line', label: 'LINE',
    quickReplies: 'partial', cards: 'partial', carousels: 'unknown', defaultActionIgnored: true, linkButtons: 'unknown',
    notes: 'Default action ignored.',
  },
  twitter: {
    ...base, id: 'twitter', label: 'Twitter/X',
    quickReplies: 'partial', cards: 'unknown', carousels: 'no', carouselUnsupportedSeverity: 'error',
    defaultActionIgnored: true, linkButtons: 'unknown',
    notes: 'No carousels; at most 5 replies per inbound message.',
  },
  apple: {
    ...base, id: 'apple', label: 'Apple Messages for Business',
    quickReplies: 'unknown', cards: 'unknown', carousels: 'unknown', linkButtons: 'unknown',
    notes: 'In no rich-content article: treat rich content as unconfirmed.',
  },
  open: {
    ...base, id: 'open', label: 'Open Messaging',
    quickReplies: 'partial', cards: 'partial', carousels: 'partial', linkButtons: 'unknown',
    notes: 'Rich content "temporarily postponed" in the newest help text; agentless sends are text-only.',
  },
  sms: {
    ...base, id: 'sms', label: 'SMS',
    quickReplies: 'no', cards: 'no', carousels: 'no', linkButtons: 'no',
    textMax: SMS_TEXT_MAX, agentTextMax: AGENT_SMS_TEXT_MAX, rich: false,
    notes: 'Plain text only: the customer gets the text fallback.',
  },
};

export function channelCapabilities(id: ChannelId): ChannelCapabilities {
  return CHANNELS[id];
}
