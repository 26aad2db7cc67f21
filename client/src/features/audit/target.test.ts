import { describe, expect, it } from 'vitest';
import { describeTarget, targetOf } from './target.ts';

describe('where a send went, in words', () => {
  it('names each kind of target and the id it went to', () => {
    expect(targetOf({ kind: 'botSession', botSessionId: 'b1' })).toEqual({ label: 'Bot session', id: 'b1' });
    expect(targetOf({ kind: 'conversation', conversationId: 'c1' })).toEqual({ label: 'Conversation', id: 'c1' });
    expect(targetOf({ kind: 'botReply', botSessionId: 'b2', inReplyTo: 'm9' })).toEqual({ label: 'Bot reply', id: 'b2' });
  });

  it('says which customer message a bot reply answered, when it left', () => {
    expect(describeTarget({ kind: 'botReply', botSessionId: 'b2', inReplyTo: 'm9' })).toBe('Bot reply (replyMessages) in bot session b2, answering message m9');
    expect(describeTarget({ kind: 'botReply', botSessionId: 'b2' })).toBe('Bot reply (replyMessages) in bot session b2');
    expect(describeTarget({ kind: 'conversation', conversationId: 'c1' })).toBe('Conversation c1');
  });
});
