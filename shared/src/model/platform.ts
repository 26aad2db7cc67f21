/**
 * The Platform API shapes the server speaks besides messages: the agent send endpoint,
 * conversations, OAuth client credentials, error bodies, region domains and the Web
 * Messaging guest socket frames. Public sources: the Platform API SDK models
 * (https://github.com/MyPureCloud/platform-client-sdk-javascript) and the guest API
 * (https://github.com/MyPureCloud/web-messaging-sdk-java).
 */
import { z } from 'zod';

// Agent send (SDK model AdditionalMessage and MessageData): the plain-text fallback
export const additionalMessageSchema = z.strictObject({
  textBody: z.string(),
  mediaIds: z.array(z.string()).optional(),
  messagingTemplate: z.unknown().optional(),
});
export type AdditionalMessage = z.infer<typeof additionalMessageSchema>;
export const MESSAGE_DATA_STATUSES = [
  'queued', 'sent', 'failed', 'received', 'delivery-success', 'delivery-failed', 'read', 'removed', 'published',
] as const;
export const messageDataSchema = z.looseObject({
  id: z.string().optional(),
  timestamp: z.string(),
  status: z.enum(MESSAGE_DATA_STATUSES),
  textBody: z.string().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  messengerType: z.string().optional(),
  conversationId: z.string().optional(),
  normalizedMessage: z.unknown().optional(),
  selfUri: z.string().optional(),
});
export type MessageData = z.infer<typeof messageDataSchema>;
export const conversationSchema = z.looseObject({
  id: z.string(),
  participants: z.array(
    z.looseObject({
      id: z.string(),
      purpose: z.string().optional(),
      messages: z.array(z.looseObject({ id: z.string(), state: z.string().optional(), type: z.string().optional() })).optional(),
    }),
  ),
});
export type Conversation = z.infer<typeof conversationSchema>;

// OAuth client credentials token
export const tokenResponseSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string().optional(),
  expires_in: z.number(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// Platform API ErrorBody
export type ErrorBody = {
  message: string;
  code: string;
  status: number;
  contextId?: string;
  entityId?: string;
  entityName?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  details: Array<{ errorCode?: string; fieldName?: string; entityId?: string; entityName?: string }>;
  errors: ErrorBody[];
  limit?: { key: string; namespace: string; value: number };
};
export const errorBodySchema: z.ZodType<ErrorBody> = z.looseObject({
  message: z.string(),
  code: z.string(),
  status: z.number(),
  contextId: z.string().optional(),
  entityId: z.string().optional(),
  entityName: z.string().optional(),
  messageWithParams: z.string().optional(),
  messageParams: z.record(z.string(), z.string()).optional(),
  details: z.array(z.looseObject({})).default([]),
  errors: z.array(z.lazy(() => errorBodySchema)).default([]),
  limit: z.looseObject({ key: z.string(), namespace: z.string(), value: z.number() }).optional(),
}) as unknown as z.ZodType<ErrorBody>;

/** 409 codes of the Bot Connector outgoing messages API. */
export const OUTGOING_409_CODES = [
  'integration.not.active', 'session.already.closed', 'session.not.found',
  'session.bot.id.mismatch', 'session.bot.version.mismatch',
] as const;

// Region domains (https://developer.genesys.cloud/platform/api/)
export const REGION_DOMAINS = {
  us_east_1: 'mypurecloud.com',
  eu_west_1: 'mypurecloud.ie',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  eu_central_1: 'mypurecloud.de',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  ap_northeast_2: 'apne2.pure.cloud',
  eu_west_2: 'euw2.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  us_east_2: 'use2.us-gov-pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  eu_central_2: 'euc2.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
} as const;
export type Region = keyof typeof REGION_DOMAINS;
/** Regions with no WebSocket host known (an unconfirmed project default). */
export const REGIONS_WITHOUT_WEBSOCKET_HOST: readonly Region[] = ['sa_east_1', 'eusc_de_east_1'];

// Guest WebSocket frames (web-messaging-sdk-java swagger.json)
export const GUEST_ERROR_CODES = {
  FeatureUnavailable: 4000,
  SessionHasExpired: 4006,
  SessionNotFound: 4007,
  MessageTooLong: 4011,
  CustomAttributeSizeTooLarge: 4013,
  MissingParameter: 4020,
  RequestRateTooHigh: 4029,
  UnexpectedError: 5000,
} as const;
export const guestFrameSchema = z.looseObject({
  type: z.enum(['response', 'message']),
  class: z.string(),
  code: z.number(),
  body: z.unknown(),
  tracingId: z.string().optional(),
});
export type GuestFrame = z.infer<typeof guestFrameSchema>;
