import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Issue } from '../model/issues.ts';
import type { ReplyMessage } from '../model/genesys.ts';
import {
  activityListQuerySchema,
  apiErrorSchema,
  armReplyRequestSchema,
  botSessionDetailSchema,
  endTestConversationRequestSchema,
  sandboxFaultRequestSchema,
  sandboxFaultsResponseSchema,
  sendRecordTargetSchema,
  sendRequestSchema,
  testConversationMessageRequestSchema,
  validateRequestSchema,
  type BotSession,
  type SendRequest,
  type SendTarget,
  type TimelineEntry,
  type ValidateRequest,
} from './index.ts';

const session: BotSession = {
  botSessionId: 's-1',
  genesysConversationId: 'c-1',
  languageCode: 'en-us',
  channel: 'webmessaging',
  botId: 'bot',
  botVersion: '1',
  timeoutMinutes: 720,
  parameters: {},
  status: 'open',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  lastInboundAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T12:00:00.000Z',
  armed: null,
  messageCount: 1,
};

describe('the pipeline requests (validate, send, arm)', () => {
  it('take exactly one of design or message', () => {
    for (const schema of [validateRequestSchema, armReplyRequestSchema]) {
      expect(schema.safeParse({ design: {} }).success).toBe(true);
      expect(schema.safeParse({ message: { type: 'Text', text: 'Hi' } }).success).toBe(true);
      expect(schema.safeParse({}).success).toBe(false);
      expect(schema.safeParse({ design: {}, message: {} }).success).toBe(false);
    }
  });

  it('refuse fields they do not know', () => {
    expect(validateRequestSchema.safeParse({ design: {}, target: { kind: 'botSession', botSessionId: 's' } }).success).toBe(false);
  });

  it('add the target (and endSession) for a send', () => {
    const target = { kind: 'botSession', botSessionId: 's-1' } as const;
    expect(sendRequestSchema.safeParse({ design: {}, target, endSession: true }).success).toBe(true);
    expect(sendRequestSchema.safeParse({ design: {} }).success).toBe(false);
    expect(sendRequestSchema.safeParse({ target }).success).toBe(false);
    expectTypeOf<SendRequest['target']>().toEqualTypeOf<SendTarget>();
    expectTypeOf<SendRequest>().toExtend<ValidateRequest>();
  });

  it('never take a bot reply as a target: it is only ever recorded', () => {
    const botReply = { kind: 'botReply', botSessionId: 's-1', inReplyTo: 'm-1' } as const;
    expect(sendRequestSchema.safeParse({ design: {}, target: botReply }).success).toBe(false);
    expect(sendRecordTargetSchema.parse(botReply)).toEqual(botReply);
    expect(sendRecordTargetSchema.safeParse({ kind: 'botReply' }).success).toBe(false);
  });

  it('end a test conversation only for a reason a client has (the server gives idle, shutdown, evicted itself)', () => {
    for (const reason of ['user', 'unload', 'replaced']) expect(endTestConversationRequestSchema.safeParse({ reason }).success).toBe(true);
    for (const reason of ['idle', 'shutdown', 'evicted', '']) expect(endTestConversationRequestSchema.safeParse({ reason }).success).toBe(false);
  });
});

describe('the answers', () => {
  it('give the server and the client one session type, timeline and armed replies typed', () => {
    const entry: TimelineEntry = { id: 1, botSessionId: 's-1', at: session.createdAt, direction: 'inbound', kind: 'tap', taps: [{ type: 'Button', text: 'Yes', payload: 'y' }] };
    expect(botSessionDetailSchema.parse({ ...session, timeline: [entry] }).timeline).toEqual([entry]);
    expect(botSessionDetailSchema.safeParse({ ...session, status: 'gone', timeline: [] }).success).toBe(false);
    expectTypeOf<BotSession['armed']>().toEqualTypeOf<ReplyMessage[] | null>();
  });

  it('keep the details of an error beside its code, message and issues', () => {
    const issue: Issue = { severity: 'error', code: 'x', message: 'm', path: 'content[0]' };
    const e = apiErrorSchema.parse({ error: { code: 'version_conflict', message: 'newer', currentVersion: 3, issues: [issue] } });
    expect(e.error).toEqual({ code: 'version_conflict', message: 'newer', currentVersion: 3, issues: [issue] });
  });
});

describe('the other requests', () => {
  it('a test guest sends a text or a tap, not both', () => {
    expect(testConversationMessageRequestSchema.safeParse({ text: 'Hi' }).success).toBe(true);
    expect(testConversationMessageRequestSchema.safeParse({ tap: { text: 'Yes', payload: 'y' } }).success).toBe(true);
    expect(testConversationMessageRequestSchema.safeParse({ text: 'Hi', tap: { text: 'Yes', payload: 'y' } }).success).toBe(false);
  });

  it('a sandbox fault takes a Guest API code only on the guest route, and reset or status, not both', () => {
    expect(sandboxFaultRequestSchema.safeParse({ route: 'guest', status: 4006, times: 1 }).success).toBe(true);
    expect(sandboxFaultRequestSchema.safeParse({ route: 'outgoing', status: 4006, times: 1 }).success).toBe(false);
    expect(sandboxFaultRequestSchema.safeParse({ route: 'outgoing', status: 500, reset: true, times: 1 }).success).toBe(false);
    expect(sandboxFaultsResponseSchema.parse({ faults: [{ route: 'token', status: 500, times: 2 }] }).faults).toHaveLength(1);
  });

  it('the change log filters by who and by a known action, and pages like the send log', () => {
    expect(activityListQuerySchema.parse({ actor: 'local', action: 'connection.change', limit: '20' })).toEqual({ actor: 'local', action: 'connection.change', limit: 20 });
    expect(activityListQuerySchema.safeParse({ action: 'design.rename' }).success).toBe(false);
    expect(activityListQuerySchema.safeParse({ limit: '201' }).success).toBe(false);
  });
});
