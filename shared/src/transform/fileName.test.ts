import { describe, expect, it } from 'vitest';
import { exportFileName } from './fileName.ts';

describe('exportFileName', () => {
  it('names the design and the format', () => {
    expect(exportFileName('Shoe picks', 'botconnector-v2')).toBe('shoe-picks.botconnector-v2.json');
    expect(exportFileName('Shoe picks', 'text')).toBe('shoe-picks.text-fallback.txt');
  });

  it('keeps only safe characters and falls back to "message"', () => {
    expect(exportFileName('Crème ../brûlée?', 'design')).toBe('creme-brulee.design.json');
    expect(exportFileName('  ', 'message')).toBe('message.genesys-message.json');
  });
});
