import type { ReplyMessage, SandboxFaultRequest } from '@grmd/shared';

/** The contracts a fault rule can hit (faults.ts says what a rule may hold). */
export type FaultRoute = SandboxFaultRequest['route'];

/**
 * A fault rule: `status` answers with that status instead of processing (an ErrorBody; on the
 * guest route an error frame with that code), `retryAfterSeconds` goes with a 429 (the
 * Retry-After header, or body.retryAfter on the guest route), `delayMs` waits before
 * answering, `reset` processes the request and then drops the connection unanswered, and
 * `times` is how many matching requests the rule applies to.
 */
export type FaultRule = SandboxFaultRequest;

export type SandboxClient = {
  clientId: string;
  clientSecret: string;
  /** Platform permissions of the client's role; default ['*'] (everything). */
  permissions?: string[];
};

export type DeploymentConfig = {
  deploymentId: string;
  /** Origins (`http://host:port`) or domains (`example.com`, also matching subdomains); '*' = allow all domains. */
  allowedOrigins: string[] | '*';
  /** The integration's Bot Connector URI; the flow POSTs `{uri}/messages`. Unset → no bot. */
  botConnectorUri?: string;
  secretHeaderName?: string;
  secretHeaderValue?: string;
  botId: string;
  botVersion: string;
  languageCode?: string;
  /** botSessionTimeout sent to the bot, in minutes. Default 720 (Architect's 12 h). */
  botSessionTimeoutMinutes?: number;
  /** Session variables sent as `parameters`. */
  parameters?: Record<string, string>;
  /** Custom attributes the flow maps into session variables (default: designerRunId only). */
  mappedAttributes?: string[];
  /** false → the outgoing API answers 409 integration.not.active. */
  integrationActive?: boolean;
  messengerType?: string;
};

export type DeliveryKind = 'bot-reply' | 'outgoing' | 'agent';

export type Delivery = {
  seq: number;
  kind: DeliveryKind;
  deploymentId: string;
  guestToken: string;
  conversationId: string;
  botSessionId?: string;
  /** Id of the delivered message (the StructuredMessage body id). */
  messageId: string;
  /** The outgoing API's `{messageId}` answer, for kind 'outgoing'. */
  outgoingMessageId?: string;
  /** The body delivered to the guest socket. */
  message: Record<string, unknown>;
  /** Sockets the frame was written to (0: stored for the session only). */
  sockets: number;
  deliveredAt: string;
};

export type BotSessionState = {
  botSessionId: string;
  botId: string;
  botVersion: string;
  languageCode: string;
  timeoutMinutes: number;
  status: 'open' | 'closed';
  closedReason?: 'Complete' | 'Failed' | 'failure-path' | 'timeout';
  createdAt: number;
  lastActivityAt: number;
};

export type FlowEvent = {
  at: string;
  conversationId: string;
  botSessionId?: string;
  type: 'bot-called' | 'bot-replied' | 'bot-retry' | 'bot-complete' | 'bot-failed' | 'failure-path' | 'no-bot';
  attempt?: number;
  status?: number;
  /** Failure path: ServiceProviderTimeout | ServiceProviderErrorResponse | ServiceProviderInvalidResponse */
  errorType?: string;
  errorMessage?: string;
  intent?: string;
};

export type ConversationState = {
  id: string;
  deploymentId: string;
  guestToken: string;
  customerParticipantId: string;
  customerCommunicationId: string;
  agentParticipantId: string;
  agentCommunicationId: string;
  createdAt: number;
  botSessions: BotSessionState[];
  flowEvents: FlowEvent[];
};

export type RecordedRequest = {
  at: string;
  route: FaultRoute | 'other';
  method: string;
  path: string;
  status: number | 'reset';
  requestId?: string;
  cacheControl?: string;
  pragma?: string;
  correlationId: string;
};

export type OutgoingReply = { messages: ReplyMessage[] };
