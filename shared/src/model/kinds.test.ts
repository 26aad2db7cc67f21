import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FORM_FIELDS } from './forms.ts';
import {
  CHILD_FIELD,
  CONTENT_PAYLOAD_KEYS,
  DEFAULT_PROPS,
  GRAMMAR,
  KINDS,
  KIND_OF_CONTENT_TYPE,
  NODE_KINDS,
  PROPS_SCHEMAS,
  textFields,
  urlFields,
  type KindSpec,
} from './kinds.ts';
import { contentItemSchema } from './message.ts';
import { compile } from '../transform/compile.ts';

type Shape = Record<string, z.ZodType>;

/** The schema at a dotted path inside an object schema, optionals unwrapped. */
function schemaAt(schema: z.ZodType, path: string): z.ZodType | undefined {
  let cur: z.ZodType | undefined = schema;
  for (const key of path.split('.')) {
    while (cur && (cur.def.type === 'optional' || cur.def.type === 'default')) cur = (cur.def as unknown as { innerType: z.ZodType }).innerType;
    const shape: Shape | undefined = (cur as unknown as { shape?: Shape } | undefined)?.shape;
    cur = shape?.[key];
  }
  while (cur && cur.def.type === 'optional') cur = (cur.def as unknown as { innerType: z.ZodType }).innerType;
  return cur;
}

const keysOf = (schema: z.ZodType) => Object.keys((schema as unknown as { shape: Shape }).shape);

describe('the node kind table', () => {
  it('names every field by a path its props schema has, with a value type that fits the field kind', () => {
    for (const kind of NODE_KINDS) {
      for (const f of KINDS[kind].fields) {
        const s = schemaAt(PROPS_SCHEMAS[kind], f.path);
        expect(s, `${kind}.${f.path}`).toBeDefined();
        const type = s!.def.type;
        if (['text', 'url', 'code', 'date'].includes(f.kind)) expect(type, `${kind}.${f.path}`).toBe('string');
        if (f.kind === 'number') expect(type, `${kind}.${f.path}`).toBe('number');
        if (f.kind === 'flag') expect(type, `${kind}.${f.path}`).toBe('boolean');
        if (f.kind === 'choice') expect(['enum', 'literal'], `${kind}.${f.path}`).toContain(type);
      }
    }
  });

  it('writes exactly the keys of each Genesys payload, the children array in its place', () => {
    for (const kind of NODE_KINDS) {
      const spec: KindSpec = KINDS[kind];
      const payloadKeys = [...keysOf(spec.props), ...(spec.children && kind !== 'message' ? [spec.children.field] : [])];
      if (kind === 'message') continue;
      expect([...spec.wire.keys].sort(), kind).toEqual(payloadKeys.sort());
      for (const k of [...Object.keys(spec.wire.required ?? {}), ...(spec.wire.asTyped ?? [])]) expect(spec.wire.keys, `${kind}.${k}`).toContain(k);
    }
  });

  it('lists every field of every kind props schema, so sanitize and the rules see them all', () => {
    for (const kind of NODE_KINDS) {
      const leaves = keysOf(PROPS_SCHEMAS[kind]).flatMap((k) => {
        const s = schemaAt(PROPS_SCHEMAS[kind], k)!;
        return s.def.type === 'object' ? keysOf(s).map((sub) => `${k}.${sub}`) : [k];
      });
      expect(KINDS[kind].fields.map((f) => f.path).sort(), kind).toEqual(leaves.sort());
    }
  });

  it('derives grammar, child fields and default props that parse', () => {
    expect(GRAMMAR.carousel).toEqual(['card']);
    expect(CHILD_FIELD.listSection).toBe('items');
    for (const kind of NODE_KINDS) expect(PROPS_SCHEMAS[kind].safeParse(DEFAULT_PROPS[kind]).success, kind).toBe(true);
  });

  it('maps each designable content type to the kind named like its payload key', () => {
    for (const [type, kind] of Object.entries(KIND_OF_CONTENT_TYPE)) {
      expect(CONTENT_PAYLOAD_KEYS[type as keyof typeof CONTENT_PAYLOAD_KEYS], type).toBe(kind);
      const root = { id: 'm', kind: 'message', props: {}, children: [{ id: 'n', kind: kind!, props: { ...DEFAULT_PROPS[kind!] }, children: [] }] };
      const item = compile({ formatVersion: 1, id: 'd', name: 'd', channel: 'webmessaging', variables: [], root }).content![0]!;
      expect(item.contentType, type).toBe(type);
      expect(contentItemSchema.safeParse(item).success, type).toBe(true);
    }
  });

  it('sanitizes text fields and URL-checks URL fields, nothing else', () => {
    expect(textFields('card').map((f) => f.path)).toEqual(['title', 'description', 'defaultAction.text']);
    expect(urlFields('card').map((f) => f.path)).toEqual(['image', 'video', 'defaultAction.url']);
    expect(textFields('listItem').map((f) => f.path)).toEqual(['title', 'subtitle']);
    expect(textFields('widget')).toEqual([]);
  });

  it('names fields in issues with their kind, unless the label already does', () => {
    const title = (kind: keyof typeof KINDS, path: string) => KINDS[kind].fields.find((f) => f.path === path)!.title;
    expect(title('card', 'image')).toBe('Card image URL');
    expect(title('action', 'text')).toBe('Button label');
    expect(title('quickReply', 'text')).toBe('Quick reply label');
    expect(title('listItem', 'imageUrl')).toBe('List item image URL');
  });
});

describe('the property forms', () => {
  it('show the fields the form lists, in order, with their counters', () => {
    expect(FORM_FIELDS.card.map((f) => f.name)).toEqual(['title', 'description', 'image', 'video', 'defaultAction.url']);
    expect(FORM_FIELDS.card[0]).toMatchObject({ label: 'Title', kind: 'text', required: true, max: 80, maxName: 'CARD_TITLE_MAX', variables: true });
    expect(FORM_FIELDS.message[0]!.kind).toBe('textarea');
  });

  it('shows a button payload for a Postback and a URL for a Link', () => {
    const when = (name: string) => FORM_FIELDS.action.find((f) => f.name === name)!.when!;
    expect([when('payload')({ type: 'Postback' }), when('payload')({ type: 'Link' })]).toEqual([true, false]);
    expect([when('url')({ type: 'Postback' }), when('url')({ type: 'Link' })]).toEqual([false, true]);
  });
});
