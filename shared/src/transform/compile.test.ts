import { describe, expect, it } from 'vitest';
import { compile, compileWithSourceMap } from './compile.ts';
import { genesysMessageSchema } from '../model/genesys.ts';
import type { Design, DesignNode } from '../model/design.ts';
import { nodePath, walk } from '../model/tree.ts';
import { createRng, randomDesign } from '../testing/index.ts';

// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

let seq = 0;
function n(kind: string, props: Record<string, unknown> = {}, children: DesignNode[] = []): DesignNode {
  seq += 1;
  return { id: `t${seq}`, kind, props, children };
}
function design(root: DesignNode, extra: Partial<Design> = {}): Design {
  return { formatVersion: 1, id: 'd1', name: 'Test', channel: 'webmessaging', variables: [], root, ...extra };
}

describe('compile', () => {
  it('maps a card with buttons to a Structured message with a Card item', () => {
    const msg = compile(
      design(
        n('message', { text: 'Here is this week\'s offer' }, [
          n('card', { title: '50% off', description: 'Valid soon', image: 'https://e.com/a.jpg', defaultAction: { type: 'Link', url: 'https://e.com/x' } }, [
            n('action', { type: 'Link', text: 'View', url: 'https://e.com/x' }),
            n('action', { type: 'Postback', text: 'Book', payload: 'book' }),
          ]),
        ]),
      ),
    );
    expect(msg).toStrictEqual({
      type: 'Structured',
      text: 'Here is this week\'s offer',
      content: [
        {
          contentType: 'Card',
          card: {
            title: '50% off',
            description: 'Valid soon',
            image: 'https://e.com/a.jpg',
            defaultAction: { type: 'Link', url: 'https://e.com/x', text: '50% off' },
            actions: [
              { type: 'Link', text: 'View', url: 'https://e.com/x' },
              { type: 'Postback', text: 'Book', payload: 'book' },
            ],
          },
        },
      ],
    });
    expect(genesysMessageSchema.safeParse(msg).success).toBe(true);
  });

  it('always emits a card description, empty when the design has none (CARD_ALWAYS_EMIT_DESCRIPTION)', () => {
    const msg = compile(design(n('message', {}, [n('card', { title: 'T' })])));
    expect(msg.content?.[0]).toStrictEqual({ contentType: 'Card', card: { title: 'T', description: '', actions: [] } });
  });

  it('leaves out unset and empty optional props and empty optional objects', () => {
    const msg = compile(
      design(
        n('message', { text: '' }, [
          n('card', { title: 'T', image: '', video: undefined, defaultAction: { type: 'Link', url: '' } }),
          n('datePicker', { title: 'When', location: { url: '', text: undefined } }),
        ]),
      ),
    );
    expect(JSON.stringify(msg)).not.toContain('undefined');
    expect(msg).toStrictEqual({
      type: 'Structured',
      content: [
        { contentType: 'Card', card: { title: 'T', description: '', actions: [] } },
        { contentType: 'DatePicker', datePicker: { title: 'When' } },
      ],
    });
  });

  it('keeps an empty payload or url on a button, since leaving it out would change its meaning', () => {
    const msg = compile(design(n('message', {}, [n('card', { title: 'T' }, [n('action', { type: 'Postback', text: 'a', payload: '' }), n('action', { type: 'Link', text: 'b', url: '' })])])));
    expect(msg.content?.[0]).toMatchObject({ card: { actions: [{ type: 'Postback', text: 'a', payload: '' }, { type: 'Link', text: 'b', url: '' }] } });
  });

  it('compiles a message with no content to a Text message', () => {
    expect(compile(design(n('message', { text: 'Hello' })))).toStrictEqual({ type: 'Text', text: 'Hello' });
    expect(compile(design(n('message', {})))).toStrictEqual({ type: 'Text', text: '' });
  });

  it('uses type Text when the only content is an Attachment (a bot sends an Attachment in a Text message)', () => {
    const msg = compile(
      design(n('message', { text: 'Caption' }, [n('attachment', { id: 'a', mediaType: 'Image', url: 'https://e.com/p.jpg', filename: 'p.jpg' })])),
    );
    expect(msg.type).toBe('Text');
    expect(msg.content).toStrictEqual([
      { contentType: 'Attachment', attachment: { id: 'a', mediaType: 'Image', url: 'https://e.com/p.jpg', filename: 'p.jpg' } },
    ]);
  });

  it('maps carousel children to cards, list pickers to sections and items, date pickers to availableTimes', () => {
    const msg = compile(
      design(
        n('message', {}, [
          n('carousel', {}, [n('card', { title: 'A' }, [n('action', { type: 'Postback', text: 'Go', payload: 'a' })]), n('card', { title: 'B' })]),
          n('quickReply', { text: 'Yes', payload: 'yes' }),
          n('listPicker', { id: 'lp', receivedMessage: { title: 'Choose' }, replyMessage: { title: 'Thanks' } }, [
            n('listSection', { title: 'Phones', multipleSelection: false }, [n('listItem', { id: 'p1', title: 'Model A', subtitle: '128 GB' })]),
          ]),
          n('datePicker', { title: 'When' }, [n('timeSlot', { dateTime: '2030-01-01T09:00:00Z', duration: 1800 })]),
        ]),
      ),
    );
    expect(msg.content).toStrictEqual([
      {
        contentType: 'Carousel',
        carousel: {
          cards: [
            { title: 'A', description: '', actions: [{ type: 'Postback', text: 'Go', payload: 'a' }] },
            { title: 'B', description: '', actions: [] },
          ],
        },
      },
      { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes' } },
      {
        contentType: 'ListPicker',
        listPicker: {
          id: 'lp',
          sections: [{ title: 'Phones', multipleSelection: false, items: [{ id: 'p1', title: 'Model A', subtitle: '128 GB' }] }],
          replyMessage: { title: 'Thanks' },
          receivedMessage: { title: 'Choose' },
        },
      },
      { contentType: 'DatePicker', datePicker: { title: 'When', availableTimes: [{ dateTime: '2030-01-01T09:00:00Z', duration: 1800 }] } },
    ]);
    expect(genesysMessageSchema.safeParse(msg).success).toBe(true);
  });

  it('skips nodes the grammar forbids instead of throwing', () => {
    const msg = compile(
      design(
        n('message', {}, [
          n('action', { type: 'Postback', text: 'Loose', payload: 'x' }),
          n('card', { title: 'C' }, [n('card', { title: 'nested' }), n('action', { type: 'Postback', text: 'ok', payload: 'ok' })]),
          n('nonsense', {}),
        ]),
      ),
    );
    expect(msg.content).toStrictEqual([
      { contentType: 'Card', card: { title: 'C', description: '', actions: [{ type: 'Postback', text: 'ok', payload: 'ok' }] } },
    ]);
  });

  it('never throws on garbage designs', () => {
    const bad = [
      { root: null },
      { root: { id: 'r', kind: 'message', props: null, children: null } },
      { root: { id: 'r', kind: 'message', props: {}, children: [null, 3, { kind: 'card' }] } },
    ] as unknown as Design[];
    for (const d of bad) expect(() => compile(d)).not.toThrow();
  });

  it('merges the kept envelope back into the message', () => {
    const msg = compile(
      design(n('message', {}, [n('quickReply', { text: 'Y', payload: 'y' })]), {
        envelope: { id: 'm1', direction: 'Outbound', originatingEntity: 'Bot', channel: { platform: 'Open' } },
      }),
    );
    expect(msg).toStrictEqual({
      id: 'm1',
      channel: { platform: 'Open' },
      originatingEntity: 'Bot',
      direction: 'Outbound',
      type: 'Structured',
      content: [{ contentType: 'QuickReply', quickReply: { text: 'Y', payload: 'y' } }],
    });
  });

  it('leaves placeholders in without variables, binds samples or given values otherwise', () => {
    const d = design(n('message', { text: 'Hi {{ name }}, order {{order.id}} {{unknown}}' }, [n('card', { title: '{{name}}' })]), {
      variables: [
        { name: 'name', sample: 'Ada' },
        { name: 'order.id', sample: '42' },
      ],
    });
    expect(compile(d).text).toBe('Hi {{ name }}, order {{order.id}} {{unknown}}');
    expect(compile(d, { variables: 'samples' }).text).toBe('Hi Ada, order 42 {{unknown}}');
    const bound = compile(d, { variables: { name: 'Grace' } });
    expect(bound.text).toBe('Hi Grace, order 42 {{unknown}}');
    expect(bound.content?.[0]).toMatchObject({ card: { title: 'Grace' } });
  });

  it('returns a source map from node ids to message paths', () => {
    const action = n('action', { type: 'Postback', text: 'Go', payload: 'a' });
    const card2 = n('card', { title: 'B' }, [action]);
    const item = n('listItem', { id: 'i', title: 'I' });
    const slot = n('timeSlot', { dateTime: '2030-01-01T09:00:00Z', duration: 60 });
    const root = n('message', {}, [
      n('nonsense'),
      n('quickReply', { text: 'Q', payload: 'q' }),
      n('carousel', {}, [n('card', { title: 'A' }), card2]),
      n('listPicker', {}, [n('listSection', { title: 'S', multipleSelection: true }, [item])]),
      n('datePicker', {}, [slot]),
    ]);
    const { paths } = compileWithSourceMap(design(root));
    expect(paths[root.id]).toBe('');
    expect(paths[root.children[1]!.id]).toBe('content[0].quickReply');
    expect(paths[root.children[2]!.id]).toBe('content[1].carousel');
    expect(paths[card2.id]).toBe('content[1].carousel.cards[1]');
    expect(paths[action.id]).toBe('content[1].carousel.cards[1].actions[0]');
    expect(paths[item.id]).toBe('content[2].listPicker.sections[0].items[0]');
    expect(paths[slot.id]).toBe('content[3].datePicker.availableTimes[0]');
    expect(paths[root.children[0]!.id]).toBeUndefined();
  });

  it('agrees with tree.ts nodePath for every node of generated designs', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const d = randomDesign(createRng(seed));
      const { paths } = compileWithSourceMap(d);
      let count = 0;
      walk(d.root, (node) => {
        count++;
        expect(paths[node.id], `seed ${seed} ${node.id}`).toBe(nodePath(d.root, node.id));
      });
      expect(Object.keys(paths)).toHaveLength(count);
    }
  }, FUZZ_TIMEOUT);
});

describe('a card default action', () => {
  const withDefault = (title: string, defaultAction: Record<string, unknown>) =>
    compile({ formatVersion: 1, id: 'd', name: 'd', channel: 'webmessaging', variables: [], root: { id: 'm', kind: 'message', props: {}, children: [{ id: 'c', kind: 'card', props: { title, description: '', defaultAction }, children: [] }] } } as Design);
  it('always carries text, the card title when the user gave none (the mobile Messenger drops the message without it)', () => {
    const card = (m: ReturnType<typeof compile>) => (m.content![0] as { card: { defaultAction: unknown } }).card.defaultAction;
    expect(card(withDefault('Shoes', { type: 'Link', url: 'https://e.com' }))).toEqual({ type: 'Link', url: 'https://e.com', text: 'Shoes' });
    expect(card(withDefault('Shoes', { type: 'Link', url: 'https://e.com', text: 'Open' }))).toEqual({ type: 'Link', url: 'https://e.com', text: 'Open' });
  });
});
