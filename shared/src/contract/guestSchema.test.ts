import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '../model/channels.ts';
import { exportDesign } from '../transform/export.ts';
import { guestSchemaErrors, messageSchemaErrors } from '../testing/guestApi.ts';
import { contractDesigns, messagesOf } from './fixtures.ts';

/**
 * What we export must be readable by every Genesys client: checked against Genesys' own guest
 * API schema rather than our reading of it (`../shared/reference/web-messaging/`).
 */
describe('exports against the official Web Messaging guest API schema', () => {
  for (const { name, design } of contractDesigns()) {
    for (const channel of [undefined, ...CHANNEL_IDS]) {
      it(`the ${name} design exported for ${channel ?? 'no channel'} is a valid StructuredMessage with valid content and card actions`, () => {
        for (const format of ['message', 'botconnector-v2'] as const) {
          const { output } = exportDesign(design, format, channel ? { channel } : {});
          for (const message of messagesOf(output)) expect(messageSchemaErrors(message)).toEqual([]);
        }
      });
    }
  }

  it('finds the faults it is there to find (negative control)', () => {
    const { output } = exportDesign(contractDesigns().find((d) => d.name === 'structured-carousel.json')!.design, 'message');
    const broken = structuredClone(output) as { type: string; content: { carousel: { cards: Record<string, unknown>[] } }[] };
    broken.type = 'RichCard';
    delete broken.content[0]!.carousel.cards[0]!.title;
    (broken.content[0]!.carousel.cards[1]!.actions as Record<string, unknown>[])[0]!.type = 'Button';
    const errors = messageSchemaErrors(broken);
    expect(errors.some((e) => e.startsWith('/type:'))).toBe(true);
    expect(errors.some((e) => e.includes("must have required property 'title'"))).toBe(true);
    expect(errors.some((e) => e.startsWith('/content/0/carousel/cards/1/actions/0/type:'))).toBe(true);
    expect(guestSchemaErrors('JwtResponse', { jwt: 'x' })).not.toEqual([]);
  });
});
