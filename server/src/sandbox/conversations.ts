/**
 * GET /api/v2/conversations/{conversationId} (genesys-messaging.md, "Finding the
 * communicationId"): the customer and agent participants, each with a connected
 * communication, which is how the agent send finds the communication to post to.
 */
import type { Express } from 'express';
import type { Platform } from './platform.ts';
import type { SandboxState } from './state.ts';

export function conversationRoutes(app: Express, state: SandboxState, platform: Platform): void {
  const { guard, send, platformError } = platform;
  app.get('/api/v2/conversations/:conversationId', guard('conversation', ['conversation:communication:view', 'conversation:message:view']), (req, res) => {
    const conv = state.conversations.get(String(req.params.conversationId));
    if (!conv) return platformError(req, res, 'conversation', 404, 'not.found', `Conversation ${req.params.conversationId} not found`);
    const type = state.deployments.get(conv.deploymentId)?.messengerType ?? 'webmessaging';
    send(req, res, 'conversation', 200, {
      id: conv.id,
      startTime: new Date(conv.createdAt).toISOString(),
      participants: [
        { id: conv.customerParticipantId, purpose: 'customer', messages: [{ id: conv.customerCommunicationId, state: 'connected', type }] },
        { id: conv.agentParticipantId, purpose: 'agent', userId: 'sandbox-agent', messages: [{ id: conv.agentCommunicationId, state: 'connected', type }] },
      ],
      selfUri: `/api/v2/conversations/${conv.id}`,
    });
  });
}
