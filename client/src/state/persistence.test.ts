import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, type Design } from '@grmd/shared';
import { DRAFT_KEY, designFromHash, loadDraft, saveDraft, shareHash } from './persistence.ts';
import { knownVersion, rememberVersion } from './libraryVersion.ts';

const design: Design = {
  formatVersion: FORMAT_VERSION,
  id: 'd1',
  name: 'Share me',
  channel: 'webmessaging',
  variables: [{ name: 'orderId', sample: 'A-1' }],
  root: { id: 'r', kind: 'message', props: { text: 'Order {{orderId}} <b>é</b>' }, children: [] },
};

describe('share links and drafts', () => {
  it('round-trips a design through the share hash', () => {
    const hash = shareHash(design);
    expect(hash).toMatch(/^#design=[A-Za-z0-9+\-$]+$/);
    expect(designFromHash(hash)).toEqual({ design });
  });

  it('reports a damaged share link instead of throwing', () => {
    expect(designFromHash('#design=%%%notlz')).toHaveProperty('error');
    expect(designFromHash('#other')).toBeNull();
  });

  it('saves and reloads the draft and ignores a corrupt one', () => {
    saveDraft(design);
    expect(loadDraft()).toEqual(design);
    localStorage.setItem(DRAFT_KEY, '{"formatVersion":1');
    expect(loadDraft()).toBeNull();
  });

  it('carries the library version of its content, which a tab without one adopts on load', () => {
    rememberVersion(design.id, 3);
    saveDraft(design);
    sessionStorage.clear();
    expect(knownVersion(design.id)).toBeNull();
    expect(loadDraft()).toEqual(design);
    expect(knownVersion(design.id)).toBe(3);
  });
});
