import { describe, expect, it } from 'vitest';
import { buttonResponseSchema, genesysMessageSchema } from '@grmd/shared';
import { tapAction, tapQuickReply } from './response.ts';

describe('what a tap sends back to the bot', () => {
  it('a Postback sends a Structured message with a ButtonResponse of type Button', () => {
    const t = tapAction({ type: 'Postback', text: 'Book Now', payload: 'book-norway' });
    expect(t).toEqual({
      kind: 'sends',
      label: 'Book Now',
      message: {
        type: 'Structured',
        text: 'Book Now',
        content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'Button', text: 'Book Now', payload: 'book-norway' } }],
      },
    });
    if (t.kind === 'sends') expect(genesysMessageSchema.safeParse(t.message).success).toBe(true);
  });

  it('a quick reply sends type QuickReply', () => {
    const t = tapQuickReply({ text: 'Yes', payload: 'yes' });
    expect(t.kind === 'sends' && buttonResponseSchema.parse(t.message.content![0]!.contentType === 'ButtonResponse' ? (t.message.content![0] as { buttonResponse: unknown }).buttonResponse : null)).toEqual({
      type: 'QuickReply',
      text: 'Yes',
      payload: 'yes',
    });
  });

  it('a Link sends nothing and opens its url', () => {
    expect(tapAction({ type: 'Link', text: 'More', url: 'https://www.example.com' })).toEqual({ kind: 'opens', label: 'More', url: 'https://www.example.com' });
  });
});
