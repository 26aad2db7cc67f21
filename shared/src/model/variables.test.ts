import { describe, expect, it } from 'vitest';
import type { Design } from './design.ts';
import { PLACEHOLDER_RE, bindDesign, bindText, placeholdersIn, resolveVariables } from './variables.ts';

function design(): Design {
  return {
    formatVersion: 1,
    id: 'd',
    name: 'D',
    channel: 'webmessaging',
    variables: [
      { name: 'first', sample: 'Ada' },
      { name: 'order.id', sample: '42' },
    ],
    root: {
      id: 'm',
      kind: 'message',
      props: { text: 'Hi {{first}}' },
      children: [
        {
          id: 'k',
          kind: 'card',
          props: { title: 'Order {{ order.id }}', defaultAction: { type: 'Link', url: 'https://x.com/o/{{order.id}}' } },
          children: [{ id: 'a', kind: 'action', props: { type: 'Postback', text: 'Go', payload: 'go' }, children: [] }],
        },
        { id: 'q', kind: 'quickReply', props: { text: 'Yes', payload: 'yes' }, children: [] },
      ],
    },
  };
}

describe('placeholders', () => {
  it('finds distinct names in order, allowing spaces inside the braces', () => {
    expect(placeholdersIn('{{a}} and {{ b.c }} and {{a}}')).toEqual(['a', 'b.c']);
    expect(placeholdersIn('no vars, {single}, {{1bad}}, {{}}')).toEqual([]);
    expect(placeholdersIn(undefined as unknown as string)).toEqual([]);
  });

  it('exports a global regex usable with matchAll', () => {
    expect([...'{{x}}{{y}}'.matchAll(PLACEHOLDER_RE)].map((m) => m[1])).toEqual(['x', 'y']);
  });
});

describe('resolveVariables', () => {
  it('uses samples, overridden by values given at send time', () => {
    expect(resolveVariables(design())).toEqual({ first: 'Ada', 'order.id': '42' });
    expect(resolveVariables(design(), { first: 'Grace', extra: 'e' })).toEqual({ first: 'Grace', 'order.id': '42', extra: 'e' });
  });
});

describe('bindText', () => {
  it('replaces known placeholders and leaves unknown ones exactly as typed', () => {
    expect(bindText('Hi {{ first }}, {{unknown}}!', { first: 'Ada' })).toBe('Hi Ada, {{unknown}}!');
  });

  it('does not interpret $ patterns in values', () => {
    expect(bindText('{{v}}', { v: "$& $' $1" })).toBe("$& $' $1");
  });

  it('ignores inherited object keys', () => {
    expect(bindText('{{constructor}}', {})).toBe('{{constructor}}');
  });
});

describe('bindDesign', () => {
  it('binds every string prop, including nested ones', () => {
    const d = design();
    const b = bindDesign(d, resolveVariables(d));
    expect(b.root.props.text).toBe('Hi Ada');
    expect(b.root.children[0]!.props.title).toBe('Order 42');
    expect((b.root.children[0]!.props.defaultAction as { url: string }).url).toBe('https://x.com/o/42');
    expect(d.root.props.text).toBe('Hi {{first}}');
  });

  it('shares nodes without placeholders and returns the same design when nothing binds', () => {
    const d = design();
    const b = bindDesign(d, resolveVariables(d));
    expect(b.root.children[1]).toBe(d.root.children[1]);
    expect(b.root.children[0]!.children[0]).toBe(d.root.children[0]!.children[0]);
    expect(bindDesign(d, {})).toBe(d);
  });
});
