import { describe, expect, it } from 'vitest';
import { stripShown } from './strip.ts';
import { shownText } from './context.ts';

describe('shown texts', () => {
  it('shows a text without markup as it is, without waiting for the stripping', () => {
    for (const t of ['Tom & Jerry <3', '5 < 6 > 4', 'javascript:alert(1)', 'a = b (c)']) {
      expect(shownText(t, null)).toBe(t);
      expect(stripShown(t)).toBe(t);
    }
  });

  it('shows a text with markup empty until the stripping has loaded, then stripped', () => {
    expect(shownText('<b>Hi</b> there', null)).toBe('');
    expect(shownText('<b>Hi</b> there', stripShown)).toBe('Hi there');
  });
});
