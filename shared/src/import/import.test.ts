import { describe, expect, it } from 'vitest';
import { importJson, importText, jsonErrorOffset, formatPath, firstDifference } from './import.ts';
import { exportDesign } from '../transform/export.ts';
import { designSchema } from '../model/design.ts';
import { createRng, mutate, randomDesign, randomJson } from '../testing/index.ts';

// Loops over many generated inputs: a generous timeout so a busy 2-core machine never fails
// them (they assert results, never speed).
const FUZZ_TIMEOUT = 60_000;

const card = (actions: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'Structured',
  content: [{ contentType: 'Card', card: { title: 'T', description: '', actions, ...extra } }],
});

describe('importJson: messages', () => {
  it('reports a bad action type at the JSON path of the input and still returns the design', () => {
    const r = importJson(card([{ type: 'Postback', text: 'a', payload: 'a' }, { type: 'Button', text: 'b', payload: 'b' }]));
    expect(r.format).toBe('message');
    expect(r.design).not.toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'import.invalid_value', path: 'content[0].card.actions[1].type' });
    expect(r.issues[0]!.message).toBe('content[0].card.actions[1].type is the string "Button"; expected one of "Link", "Postback".');
    // The editor still shows both buttons, the bad one included, so the user can fix it.
    expect(r.design!.root.children[0]!.children.map((a) => a.props.type)).toEqual(['Postback', 'Button']);
  });

  it('names missing fields, wrong types and unknown fields with their paths', () => {
    const r = importJson({
      type: 'Structured',
      colour: 'red',
      content: [{ contentType: 'Card', card: { title: 3, actions: [{ type: 'Link', text: 'x' }], subtitle: 'no' } }],
    });
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    expect(byPath['colour']).toMatchObject({ code: 'import.unknown_field' });
    expect(byPath['content[0].card.title']).toMatchObject({ code: 'import.invalid_type', message: 'content[0].card.title must be a string, not number 3.' });
    expect(byPath['content[0].card.actions[0].url']).toMatchObject({ code: 'import.schema', message: 'content[0].card.actions[0].url: A Link action needs a url.' });
    expect(byPath['content[0].card.subtitle']).toMatchObject({ code: 'import.unknown_field' });
    expect(r.design).not.toBeNull();
  });

  it('reports an unknown content type and leaves that item out', () => {
    const r = importJson({
      type: 'Structured',
      content: [{ contentType: 'Location', location: {} }, { contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a' } }, { contentType: 'toString' }],
    });
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'import.unknown_content_type', path: 'content[0].contentType' }),
      expect.objectContaining({ code: 'import.unknown_content_type', path: 'content[2].contentType' }),
    ]);
    expect(r.design!.root.children.map((c) => c.kind)).toEqual(['quickReply']);
  });

  it('explains that a ButtonResponse is a customer click, not designable content', () => {
    const r = importJson({
      type: 'Structured',
      text: 'Book Now',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'Button', text: 'Book Now', payload: 'book' } }],
    });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'import.button_response', path: 'content[0]' });
    expect(r.issues[0]!.message).toContain('what the customer');
    expect(r.design!.root.props).toEqual({ text: 'Book Now' });
    expect(r.design!.root.children).toEqual([]);
  });

  it('turns a QuickReplyV2 into ordinary quick replies with a warning that says so', () => {
    const r = importJson({
      type: 'Structured',
      content: [{ contentType: 'QuickReplyV2', quickReplyV2: { title: 'Pick a size', actions: [{ text: 'Small', payload: 's' }, { text: 'Large', payload: 'l' }] } }],
    });
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'import.quick_reply_v2_converted', path: 'content[0]' })]);
    expect(r.design!.root.props).toEqual({ text: 'Pick a size' });
    expect(r.design!.root.children.map((c) => c.props)).toEqual([
      { text: 'Small', payload: 's' },
      { text: 'Large', payload: 'l' },
    ]);
  });

  it('keeps envelope fields and reads the channel from channel.platform', () => {
    const r = importJson({ id: 'x', direction: 'Outbound', channel: { platform: 'WhatsApp', type: 'Private' }, type: 'Text', text: 'Hi' });
    expect(r.issues).toEqual([]);
    expect(r.design!.envelope).toEqual({ id: 'x', direction: 'Outbound', channel: { platform: 'WhatsApp', type: 'Private' } });
    expect(r.design!.channel).toBe('whatsapp');
  });

  it('drops an invalid envelope value but reports it, so the design stays a valid design file', () => {
    const r = importJson({ type: 'Text', text: 'Hi', direction: 'Sideways' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'import.invalid_value', path: 'direction' })]);
    expect(designSchema.safeParse(r.design).success).toBe(true);
    expect(r.design!.envelope).toBeUndefined();
  });

  it('says when exporting will not reproduce a valid input exactly', () => {
    const r = importJson({ type: 'Structured', text: '', content: [{ contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a' } }] });
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'import.not_exact', path: 'text' })]);
  });

  it('returns no design when content is not a list', () => {
    const r = importJson({ type: 'Structured', content: { contentType: 'Card' } });
    expect(r.design).toBeNull();
    expect(r.issues[0]).toMatchObject({ path: 'content', code: 'import.invalid_type' });
  });

  it('gives deterministic ids n1, n2… in document order', () => {
    const r = importJson(card([{ type: 'Postback', text: 'a', payload: 'a' }]));
    expect([r.design!.root.id, r.design!.root.children[0]!.id, r.design!.root.children[0]!.children[0]!.id]).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('importJson: Bot Connector replies', () => {
  it('designs the first Structured reply message and keeps the others and the envelope around it', () => {
    const input = {
      botState: 'MoreData',
      replyMessages: [
        { type: 'Text', text: 'one' },
        { type: 'Structured', text: 'two', content: [{ contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a' } }] },
        { type: 'Structured', text: 'three', content: [{ contentType: 'QuickReply', quickReply: { text: 'b', payload: 'b' } }] },
      ],
      parameters: { p: 'v' },
    };
    const r = importJson(input);
    expect(r.format).toBe('botconnector-v2');
    expect(r.issues).toEqual([]);
    expect(r.design!.root.props).toEqual({ text: 'two' });
    expect(r.design!.botReply).toEqual({ botState: 'MoreData', parameters: { p: 'v' }, before: [input.replyMessages[0]], after: [input.replyMessages[2]] });
    expect(exportDesign(r.design!, 'botconnector-v2').output).toStrictEqual(input);
  });

  it('designs the first message when none is Structured', () => {
    const r = importJson({ botState: 'MoreData', replyMessages: [{ type: 'Text', text: 'a' }, { type: 'Text', text: 'b' }] });
    expect(r.design!.root.props).toEqual({ text: 'a' });
    expect(r.design!.botReply!.after).toEqual([{ type: 'Text', text: 'b' }]);
  });

  it('reports content a bot may not send with the replyMessages path', () => {
    const r = importJson({
      botState: 'MoreData',
      replyMessages: [
        {
          type: 'Structured',
          content: [
            { contentType: 'DatePicker', datePicker: { title: 'When' } },
            { contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a', action: 'Message' } },
          ],
        },
      ],
    });
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(['replyMessages[0].content[0].contentType', 'replyMessages[0].content[1].quickReply.action']);
    expect(r.issues[0]!.message).toContain('only QuickReply, Card, Carousel, Attachment');
    // Still designable: the date picker shows in the editor with the error beside it.
    expect(r.design!.root.children.map((c) => c.kind)).toEqual(['datePicker', 'quickReply']);
  });

  it('requires an intent with botState Complete', () => {
    const r = importJson({ botState: 'Complete', replyMessages: [] });
    expect(r.issues).toEqual([expect.objectContaining({ path: 'intent' })]);
    expect(r.design).not.toBeNull();
  });

  it('reads the v1 variant with lowercase replymessages and an upper-case botState', () => {
    const r = importJson({ botState: 'MOREDATA', replymessages: [{ type: 'Text', text: 'Hello' }], slotValues: { a: 1 } });
    expect(r.format).toBe('botconnector-v1');
    expect(r.design!.botReply!.botState).toBe('MoreData');
    expect(r.issues.map((i) => i.code).sort()).toEqual(['import.bot_state_normalised', 'import.slot_values_dropped']);
    expect(exportDesign(r.design!, 'botconnector-v1').output).toStrictEqual({ botState: 'MOREDATA', replymessages: [{ type: 'Text', text: 'Hello' }] });
  });

  it('imports an outgoing message request (§5.6) as its reply, leaving out the session address', () => {
    const reply = { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'Card', card: { title: 'T', description: '', actions: [] } }] }] };
    const r = importJson({ botId: 'b', botVersion: 'v1', botSessionId: 's-1', languageCode: 'en-us', ...reply });
    expect(r.format).toBe('botconnector-v2');
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'import.outgoing_request' })]);
    expect(exportDesign(r.design!, 'botconnector-v2').output).toStrictEqual(reply);
  });

  it('says when the designed reply message will export as more than one reply message', () => {
    const att = { id: 'a', mediaType: 'Image', url: 'https://e.com/a.png', filename: 'a.png' };
    const r = importJson({
      botState: 'MoreData',
      replyMessages: [{ type: 'Structured', content: [{ contentType: 'Attachment', attachment: att }, { contentType: 'QuickReply', quickReply: { text: 'a', payload: 'a' } }] }],
    });
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'import.not_exact', path: 'replyMessages[0]' })]);
    expect(r.issues[0]!.message).toContain('exports as 2 reply messages');
  });

  it('names the imported design after its first text', () => {
    expect(importJson({ type: 'Text', text: 'Hello there' }).design!.name).toBe('Imported message: Hello there');
    expect(importJson({ botState: 'MoreData', replyMessages: [] }).design!.name).toBe('Imported bot reply');
  });

  it('rejects an unknown botState with a clear message and falls back to MoreData', () => {
    for (const botState of ['Done', 'constructor']) {
      const r = importJson({ botState, replyMessages: [] });
      expect(r.issues[0]).toMatchObject({ path: 'botState', code: 'import.invalid_value' });
      expect(r.design!.botReply!.botState).toBe('MoreData');
    }
  });
});

describe('importJson: requests, design files and other input', () => {
  it('recognises the Bot Connector request and says it is not a reply', () => {
    const r = importJson({ botSessionId: 's', inputMessage: { type: 'Text', text: 'Hello' } });
    expect(r).toMatchObject({ design: null, format: 'unknown' });
    expect(r.issues[0]!.message).toContain('this is what Genesys sends to a bot, not a message a bot sends');
  });

  it('accepts a valid design file as is', () => {
    const d = randomDesign(createRng(7));
    const r = importJson(JSON.parse(JSON.stringify(d)));
    expect(r).toEqual({ design: d, issues: [], format: 'design' });
  });

  it('recovers a design file with bad top-level fields and reports them', () => {
    const d = randomDesign(createRng(8));
    const r = importJson({ ...d, channel: 'pager', variables: [{ name: '1bad' }, { name: 'ok', sample: 'x' }] });
    expect(r.format).toBe('design');
    expect(r.issues.map((i) => i.path).sort()).toEqual(['channel', 'variables[0].name']);
    expect(r.design!.channel).toBe('webmessaging');
    expect(r.design!.variables).toEqual([{ name: 'ok', sample: 'x' }]);
    expect(r.design!.root).toEqual(d.root);
  });

  it('returns no design when a design file has no usable root', () => {
    const r = importJson({ formatVersion: 1, id: 'x', name: 'x', root: 'nope' });
    expect(r.design).toBeNull();
    expect(r.issues[0]!.path).toBe('root');
  });

  it('rejects arrays, primitives and unknown objects with a sentence', () => {
    for (const v of [null, 3, 'x', [1], {}]) {
      const r = importJson(v);
      expect(r.design).toBeNull();
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]!.severity).toBe('error');
    }
  });

  it('never throws on arbitrary or mutated JSON', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = createRng(seed);
      const inputs = [randomJson(rng), mutate(randomDesign(rng), rng), mutate(exportDesign(randomDesign(rng), 'message').output, rng)];
      for (const input of inputs) {
        const r = importJson(input);
        expect(Array.isArray(r.issues)).toBe(true);
        if (r.design) expect(designSchema.safeParse(r.design).success, `seed ${seed}`).toBe(true);
      }
    }
  }, FUZZ_TIMEOUT);
});

describe('importText', () => {
  it('reports a "__proto__" key as an unknown field and never lets it reach the design or the message', () => {
    const r = importText('{"type":"Structured","content":[{"contentType":"Card","card":{"__proto__":{"polluted":1},"title":"T","actions":[]}}]}');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'import.unknown_field', path: 'content[0].card.__proto__' })]);
    const props = r.design!.root.children[0]!.props;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect((props as { polluted?: number }).polluted).toBeUndefined();
    expect(exportDesign(r.design!, 'message').text).not.toContain('polluted');
  });

  it('locates a JSON syntax error by line and column', () => {
    const r = importText('{\n  "type": "Text",\n  "text": }');
    expect(r.design).toBeNull();
    expect(r.issues[0]).toMatchObject({ code: 'import.invalid_json' });
    expect(r.issues[0]!.message).toContain('line 3, column 11');
  });

  it('says when the text ends too early', () => {
    expect(importText('{"type": "Text"').issues[0]!.message).toContain('ends too early');
  });

  it('parses valid JSON and imports it', () => {
    expect(importText('{"type":"Text","text":"Hi"}').design!.root.props).toEqual({ text: 'Hi' });
  });
});

describe('helpers', () => {
  it('jsonErrorOffset agrees with JSON.parse about validity', () => {
    const cases = ['{}', '[1,2]', '{"a":1,}', '[1 2]', '"\\u12G4"', '-', '01', '1e', 'nul', '{"a":"x\ny"}', '{"a":[true,false,null,-1.5e3]}'];
    for (const c of cases) {
      let ok = true;
      try {
        JSON.parse(c);
      } catch {
        ok = false;
      }
      expect(jsonErrorOffset(c) === -1, c).toBe(ok);
    }
  });

  it('formatPath writes indexes in brackets', () => {
    expect(formatPath(['content', 0, 'card', 'actions', 1, 'type'])).toBe('content[0].card.actions[1].type');
  });

  it('firstDifference ignores key order and finds the first differing path', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeUndefined();
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 3 }] })).toBe('b[1].c');
  });
});
