import { describe, expect, it } from 'vitest';
import DOMPurify from 'dompurify';
import { CHANNEL_IDS, TEMPLATES, check, resolveVariables, updateProps, type Design, type DesignNode } from '@grmd/shared';
import { bindForPreview, previewView } from './view.ts';

function find(root: DesignNode, pred: (n: DesignNode) => boolean): DesignNode | undefined {
  if (pred(root)) return root;
  for (const c of root.children) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return undefined;
}

describe('what the preview draws', () => {
  it('is what the verdict says the channel gets, for every template on every channel', () => {
    for (const t of TEMPLATES) {
      const design = t.build();
      const values = resolveVariables(design);
      for (const channel of CHANNEL_IDS) {
        const view = previewView(design, channel, values);
        const verdict = check(design, { purify: DOMPurify, channel });
        expect(view.root, `${t.name} on ${channel}`).toEqual(verdict.channelDesign!.root);
        expect(view.text, `${t.name} on ${channel}`).toBe(verdict.channelText);
        expect(view.changes.map((i) => i.code), `${t.name} on ${channel}`).toEqual(verdict.channelChanges.map((i) => i.code));
      }
    }
  });

  it('keeps every node the edit did not touch, variables bound or not', () => {
    const design = TEMPLATES.find((t) => t.build().variables.length > 0)!.build();
    const values = resolveVariables(design);
    const before = bindForPreview(design, values);
    const target = find(design.root, (n) => n.kind === 'action')!;
    const edited: Design = { ...design, root: updateProps(design.root, target.id, { text: 'Changed' }) };
    const after = bindForPreview(edited, values);
    const untouched = (a: DesignNode, b: DesignNode, path: string[]): void => {
      const onPath = find(a, (n) => n.id === target.id) !== undefined;
      if (!onPath) expect(b, path.join(' › ')).toBe(a);
      a.children.forEach((c, i) => untouched(c, b.children[i]!, [...path, c.id]));
    };
    untouched(before.root, after.root, ['root']);
    expect(find(after.root, (n) => n.id === target.id)!.props.text).toBe('Changed');
  });

  it('binds the variables to their sample values', () => {
    const design = TEMPLATES.find((t) => t.build().variables.length > 0)!.build();
    const values = resolveVariables(design);
    const view = previewView(design, 'webmessaging', values);
    expect(JSON.stringify(view.root)).not.toMatch(/\{\{\s*[A-Za-z_]/);
  });
});
