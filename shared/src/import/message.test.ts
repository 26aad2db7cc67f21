import { describe, expect, it } from 'vitest';
import { importJson } from './import.ts';
import { designSchema } from '../model/design.ts';
import { exportDesign } from '../transform/export.ts';

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

describe('importJson: real payloads import with at most warnings', () => {
  const base = { type: 'Structured', text: 'hi', direction: 'Outbound' };
  const image = { mediaType: 'Image', url: 'https://example.com/a.png', filename: 'a.png' };
  const cases: [string, Record<string, unknown>, string][] = [
    ['an attachment without id', { ...base, content: [{ contentType: 'Attachment', attachment: image }] }, 'content[0].attachment.id'],
    ['originatingEntity ""', { ...base, originatingEntity: '' }, 'originatingEntity'],
    ['Open Messaging messageMetadata', { ...base, messageMetadata: { customAttributes: { a: 'b' } } }, 'messageMetadata'],
    ['a Notification content item', { ...base, content: [{ contentType: 'Notification', template: { text: 'x' } }] }, 'content[0]'],
    ['a top-level originatingMessageId', { ...base, originatingMessageId: 'm1' }, 'originatingMessageId'],
    ['fileSize on an attachment', { ...base, content: [{ contentType: 'Attachment', attachment: { ...image, id: 'a1', fileSize: 12 } }] }, 'content[0].attachment.fileSize'],
    ['an Open Messaging conversationId', { ...base, conversationId: 'c-1' }, 'conversationId'],
  ];
  for (const [name, input, path] of cases) {
    it(`imports a message with ${name}: one warning at ${path}, and the field stays out of the design and the export`, () => {
      const r = importJson(input);
      expect(r.design).not.toBeNull();
      expect(designSchema.safeParse(r.design).success).toBe(true);
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'warning', path }));
      const exported = JSON.stringify(exportDesign(r.design!, 'message').output);
      for (const key of ['fileSize', 'messageMetadata', 'originatingMessageId', 'conversationId', '"originatingEntity":""']) {
        expect(exported).not.toContain(key);
      }
    });
  }

  it('still refuses what it cannot read: a wrong type is an error at its path', () => {
    const r = importJson({ ...base, content: [{ contentType: 'Card', card: { title: 3, actions: [] } }] });
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error', path: 'content[0].card.title' }));
  });
});
