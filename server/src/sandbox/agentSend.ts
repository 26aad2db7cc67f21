/**
 * POST /api/v2/conversations/messages/{conversationId}/communications/{communicationId}/messages,
 * the agent's plain-text send (genesys-messaging.md, "Agent send endpoint"): the conversation
 * and communication must exist, the body is textBody only, within the channel's length.
 */
import type { Express } from 'express';
import { additionalMessageSchema } from '@grmd/shared';
import { locatedIssues } from '../lib/zodIssues.ts';
import type { Flow } from './flow.ts';
import type { Platform } from './platform.ts';
import { SANDBOX_DEFAULTS, type SandboxState } from './state.ts';

export function agentSendRoutes(app: Express, state: SandboxState, platform: Platform, flow: Flow): void {
  const { guard, json, send, invalid, platformError } = platform;
  app.post(
    '/api/v2/conversations/messages/:conversationId/communications/:communicationId/messages',
    guard('agentSend', ['conversation:message:create', 'conversation:webmessaging:create']),
    json('agentSend'),
    (req, res) => {
      const conv = state.conversations.get(String(req.params.conversationId));
      if (!conv) return platformError(req, res, 'agentSend', 404, 'not.found', `Conversation ${req.params.conversationId} not found`);
      const commId = String(req.params.communicationId);
      if (commId !== conv.agentCommunicationId && commId !== conv.customerCommunicationId) {
        return platformError(req, res, 'agentSend', 404, 'not.found', `Communication ${commId} is not part of conversation ${conv.id}`, { entityId: commId });
      }
      const parsed = additionalMessageSchema.safeParse(req.body);
      if (!parsed.success) return invalid(req, res, 'agentSend', locatedIssues(parsed.error));
      const b = parsed.data;
      if (b.messagingTemplate !== undefined || (b.mediaIds && b.mediaIds.length)) {
        return invalid(req, res, 'agentSend', [{ path: 'messagingTemplate', message: 'Only one body kind per request: this sandbox endpoint accepts textBody only' }]);
      }
      const messengerType = state.deployments.get(conv.deploymentId)?.messengerType ?? 'webmessaging';
      const max = messengerType === 'sms' ? SANDBOX_DEFAULTS.agentSmsTextMax : SANDBOX_DEFAULTS.agentTextMax;
      if (!b.textBody.trim()) return invalid(req, res, 'agentSend', [{ path: 'textBody', message: 'textBody is required' }]);
      if (b.textBody.length > max) {
        return invalid(req, res, 'agentSend', [{ path: 'textBody', message: `textBody is ${b.textBody.length} characters; the ${messengerType} limit is ${max}` }]);
      }
      const delivery = flow.deliverAgentText(conv, b.textBody);
      const md: Record<string, unknown> = {
        id: delivery.messageId,
        timestamp: delivery.deliveredAt,
        fromAddress: 'Sandbox Agent',
        toAddress: conv.guestToken,
        direction: 'outbound',
        messengerType,
        status: 'sent',
        normalizedMessage: { id: delivery.messageId, type: 'Text', text: b.textBody, direction: 'Outbound', originatingEntity: 'Human' },
        conversationId: conv.id,
        selfUri: `/api/v2/conversations/messages/${conv.id}/messages/${delivery.messageId}`,
      };
      // With useNormalizedMessage=true Genesys answers with the normalized message only.
      if (req.query.useNormalizedMessage !== 'true') md.textBody = b.textBody;
      send(req, res, 'agentSend', 200, md);
    },
  );
}
