import { describe, expect, it } from 'vitest';
import { sanitizeText } from '@grmd/shared';
import { createPurifier } from './purifier.ts';

describe('createPurifier', () => {
  it('returns one DOMPurify instance on jsdom, reused across calls', () => {
    const a = createPurifier();
    expect(a.isSupported).toBe(true);
    expect(createPurifier()).toBe(a);
  });

  it('strips markup the fast path cannot handle through jsdom', () => {
    const r = sanitizeText('<table><tr><td>a</td></tr></table><img src=x onerror=alert(1)>b', createPurifier(), 'text');
    expect(r.value).toBe('a\nb');
    expect(r.issues.map((i) => i.code)).toEqual(['sanitize.markup_stripped', 'sanitize.event_handler_stripped']);
  });
});
